/**
 * npm run bench:service [-- --rows 200k] [--samples 300] [--clients 50] [--seconds 30] [--json]
 *
 * The query service over HTTP, on a server started in this process with a fresh data dir (its
 * first start makes the demo workspace):
 *  1. added latency: a small-result query through `POST /v1/workspaces/demo/query` against the
 *     same query on the in-process workspace (`Workspace.query`), alternating; the p50 difference
 *     is the HTTP API's cost (goal: under 3 ms);
 *  2. load: N concurrent clients (default 50) on loopback for S seconds (default 30), each
 *     sending hunting queries from bench/queries.ts in turn; errors, throughput and p50/p99.
 * A measure, not a gate: exit code 0 whatever the figures.
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@huntbook/server';
import { QUERIES } from './queries.ts';

const GOAL_ADDED_P50_MS = 3;

function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.trim());
  if (!m) throw new Error(`not a count: ${s}`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const SMALL = 'SecurityEvent | where EventID == 4720 | project TimeGenerated, Computer, TargetAccount | take 5';

async function main(): Promise<void> {
  const { values: o } = parseArgs({ options: { rows: { type: 'string' }, samples: { type: 'string' }, clients: { type: 'string' }, seconds: { type: 'string' }, json: { type: 'boolean' } } });
  const rows = parseCount(o.rows ?? '200k');
  const samples = Number(o.samples ?? 300);
  const clients = Number(o.clients ?? 50);
  const seconds = Number(o.seconds ?? 30);
  const log = (s: string) => { if (!o.json) console.error(s); };
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-service-bench-'));
  const t0 = performance.now();
  const { app, url } = await startServer({ dataDir, port: 0, demoRows: rows, retention: false, onProgress: log });
  log(`server up at ${url} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const token = app.huntbook.firstToken!;
    const ws = (await app.huntbook.workspaces.get('demo'))!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (query: string): Promise<{ ok: boolean; status: number; body: unknown }> => {
      const r = await fetch(`${url}/v1/workspaces/demo/query`, { method: 'POST', headers, body: JSON.stringify({ query }) });
      const body = await r.json();
      return { ok: r.ok, status: r.status, body };
    };

    // 1. added latency of the HTTP API over the in-process engine, small result
    const first = await post(SMALL);
    if (!first.ok) throw new Error(`the small query failed over HTTP: ${JSON.stringify(first.body)}`);
    for (let i = 0; i < 20; i++) { await post(SMALL); await ws.query(SMALL); } // warm-up: compile cache, connections, JIT
    const httpMs: number[] = [];
    const engineMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const h = async () => { const t = performance.now(); const r = await post(SMALL); httpMs.push(performance.now() - t); if (!r.ok) throw new Error(`HTTP ${r.status}`); };
      const e = async () => { const t = performance.now(); await ws.query(SMALL); engineMs.push(performance.now() - t); };
      if (i % 2) { await h(); await e(); } else { await e(); await h(); }
    }
    const added = pct(httpMs, 50) - pct(engineMs, 50);

    // 2. load: clients on loopback for `seconds`, a mix of hunting queries
    const mix = QUERIES.map((q) => q.kql);
    const lat: number[] = [];
    const errors = new Map<string, number>();
    let done = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, async (_x, c) => {
      for (let k = c; performance.now() < until; k++) {
        const q = mix[k % mix.length]!;
        const t = performance.now();
        try {
          const r = await post(q);
          if (!r.ok) {
            const key = `HTTP ${r.status}: ${JSON.stringify((r.body as { error?: { code?: string } }).error?.code ?? r.body).slice(0, 80)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          } else {
            lat.push(performance.now() - t);
          }
        } catch (e) {
          const key = e instanceof Error ? e.message : String(e);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
        done++;
      }
    }));
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const summary = {
      rows,
      latency: { samples, http_p50_ms: pct(httpMs, 50), engine_p50_ms: pct(engineMs, 50), added_p50_ms: added, http_p99_ms: pct(httpMs, 99), goal_added_p50_ms: GOAL_ADDED_P50_MS, met: added < GOAL_ADDED_P50_MS },
      load: { clients, seconds, requests: done, errors: errorCount, error_kinds: Object.fromEntries(errors), throughput_per_s: done / seconds, p50_ms: lat.length ? pct(lat, 50) : NaN, p99_ms: lat.length ? pct(lat, 99) : NaN, queries_in_mix: mix.length },
    };
    if (o.json) { console.log(JSON.stringify(summary, null, 2)); return; }
    const l = summary.latency;
    console.log(`\nService: demo workspace of ${rows.toLocaleString('en-US')} rows, ${url}`);
    console.log(`added latency, small result (${samples} alternating samples): HTTP p50 ${l.http_p50_ms.toFixed(2)} ms, in-process p50 ${l.engine_p50_ms.toFixed(2)} ms -> added ${added.toFixed(2)} ms   goal < ${GOAL_ADDED_P50_MS} ms  ${l.met ? 'met' : 'NOT MET'}`);
    const d = summary.load;
    console.log(`load: ${clients} clients x ${seconds} s, ${mix.length} hunting queries in turn: ${d.requests} requests, ${d.errors} errors, ${d.throughput_per_s.toFixed(1)} req/s, p50 ${d.p50_ms.toFixed(1)} ms, p99 ${d.p99_ms.toFixed(1)} ms`);
    for (const [k, v] of errors) console.log(`  error x${v}: ${k}`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(2);
});
