/**
 * npm run bench:kernel [-- --starts 10] [--samples 50] [--json]
 *
 * The Huntbook kernel, as a Jupyter client sees it (real processes, real ZeroMQ sockets):
 *  1. start to ready: spawn the kernel process (as the kernelspec does) -> kernel_info_reply,
 *     and -> the reply of a first cell `1+1`; median of N starts (goal: under 1 s);
 *  2. memory of an idle kernel: RSS after start and after one cell;
 *  3. `%kql` round trip: execute_request `%kql QUERY` -> execute_reply, against the same query
 *     POSTed to the query API directly from this process, on a local server started here;
 *     median of N each, alternating; the difference is what the kernel adds (goal: under 20 ms).
 *     The cost of an empty cell is printed too (the protocol's own share of the difference).
 * A measure, not a gate: exit code 0 whatever the figures.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@huntbook/server';
import { KernelClient, startKernel, type RunningKernel } from '../packages/kernel/test/protocol-client.ts';

const GOAL_READY_MS = 1000;
const GOAL_KQL_ADDED_MS = 20;
const SMALL = 'SecurityEvent | where EventID == 4720 | project TimeGenerated, Computer, TargetAccount | take 5';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

const cell = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });

async function run(client: KernelClient, code: string): Promise<number> {
  const t0 = performance.now();
  const id = await client.send('shell', 'execute_request', cell(code));
  const reply = await client.reply(id, 60_000);
  const ms = performance.now() - t0;
  if (reply.content.status !== 'ok') throw new Error(`the cell ${JSON.stringify(code)} failed: ${String(reply.content.ename)}: ${String(reply.content.evalue)}`);
  return ms;
}

async function withKernel<T>(env: NodeJS.ProcessEnv, f: (k: RunningKernel, c: KernelClient) => Promise<T>): Promise<T> {
  const k = await startKernel(env);
  const c = new KernelClient(k.info);
  try {
    return await f(k, c);
  } finally {
    c.close();
    await k.dispose();
  }
}

async function main(): Promise<void> {
  const { values: o } = parseArgs({ options: { starts: { type: 'string' }, samples: { type: 'string' }, json: { type: 'boolean' } } });
  const starts = Number(o.starts ?? 10);
  const samples = Number(o.samples ?? 50);
  const log = (s: string) => { if (!o.json) console.error(s); };
  const out: Record<string, unknown> = {};

  // 1 + 2. start to ready, first cell, memory
  const ready: number[] = [];
  const firstCell: number[] = [];
  const rssStart: number[] = [];
  const rssCell: number[] = [];
  for (let i = 0; i < starts; i++) {
    const t0 = performance.now();
    await withKernel({}, async (k, c) => {
      const id = await c.send('shell', 'kernel_info_request', {});
      await c.reply(id, 60_000);
      ready.push(performance.now() - t0);
      rssStart.push(rssMb(k.child.pid!));
      await run(c, '1+1');
      firstCell.push(performance.now() - t0);
      rssCell.push(rssMb(k.child.pid!));
    });
    log(`start ${i + 1}/${starts}: ready ${ready.at(-1)!.toFixed(0)} ms, first cell ${firstCell.at(-1)!.toFixed(0)} ms`);
  }
  out.start = { ready_ms: median(ready), first_cell_ms: median(firstCell), goal_ready_ms: GOAL_READY_MS, runs: starts };
  out.memory = { rss_after_start_mb: median(rssStart), rss_after_one_cell_mb: median(rssCell) };

  // 3. %kql round trip against the API called directly
  if (!existsSync(new URL('../packages/kernel/src/kql/index.ts', import.meta.url))) {
    out.kql = 'skipped: packages/kernel/src/kql/index.ts does not exist yet';
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'hb-kernel-bench-'));
    const { app, url } = await startServer({ dataDir, host: '127.0.0.1', port: 0, demoRows: 20_000, retention: false });
    try {
      const token = app.huntbook.firstToken ?? app.huntbook.tokens.create('bench').token;
      const direct = async (): Promise<number> => {
        const t0 = performance.now();
        const r = await fetch(`${url}/v1/workspaces/demo/query`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'include-render=true' },
          body: JSON.stringify({ query: SMALL }),
        });
        const body = await r.json() as { tables?: unknown[] };
        if (!r.ok || !body.tables) throw new Error(`the direct query failed: ${JSON.stringify(body)}`);
        return performance.now() - t0;
      };
      out.kql = await withKernel({ HUNTBOOK_URL: url, HUNTBOOK_TOKEN: token, HUNTBOOK_WORKSPACE: 'demo' }, async (_k, c) => {
        await c.ready();
        for (let i = 0; i < 10; i++) { await run(c, `%kql ${SMALL}`); await direct(); await run(c, '1'); } // warm-up
        const kql: number[] = [];
        const api: number[] = [];
        const empty: number[] = [];
        for (let i = 0; i < samples; i++) {
          kql.push(await run(c, `%kql ${SMALL}`));
          api.push(await direct());
          empty.push(await run(c, '1'));
        }
        const added = median(kql) - median(api);
        log(`%kql ${median(kql).toFixed(1)} ms, direct API ${median(api).toFixed(1)} ms, empty cell ${median(empty).toFixed(1)} ms`);
        return { kql_ms: median(kql), direct_api_ms: median(api), added_ms: added, empty_cell_ms: median(empty), goal_added_ms: GOAL_KQL_ADDED_MS, samples };
      });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (o.json) {
    console.log(JSON.stringify(out));
    return;
  }
  const s = out.start as Record<string, number>;
  const m = out.memory as Record<string, number>;
  console.log(`kernel start to ready (spawn -> kernel_info_reply), median of ${starts}: ${s.ready_ms!.toFixed(0)} ms (goal < ${GOAL_READY_MS} ms: ${s.ready_ms! < GOAL_READY_MS ? 'met' : 'NOT met'}); to a first cell's reply: ${s.first_cell_ms!.toFixed(0)} ms`);
  console.log(`idle kernel memory (RSS): ${m.rss_after_start_mb!.toFixed(0)} MB after start, ${m.rss_after_one_cell_mb!.toFixed(0)} MB after one cell`);
  if (typeof out.kql === 'string') console.log(`%kql round trip: ${out.kql}`);
  else {
    const k = out.kql as Record<string, number>;
    console.log(`%kql round trip (small result), median of ${samples}: ${k.kql_ms!.toFixed(1)} ms vs the API directly ${k.direct_api_ms!.toFixed(1)} ms: ${k.added_ms!.toFixed(1)} ms added (goal < ${GOAL_KQL_ADDED_MS} ms: ${k.added_ms! < GOAL_KQL_ADDED_MS ? 'met' : 'NOT met'}); an empty cell takes ${k.empty_cell_ms!.toFixed(1)} ms`);
  }
}

await main();
