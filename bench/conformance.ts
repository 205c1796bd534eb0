/**
 * Conformance with the documented KQL examples (Microsoft's Kusto reference): runs every
 * example of examples.jsonl on an in-memory database and compares the result with the
 * documented output table after normalising presentation (bench/conformance/normalise.ts).
 *
 *   npm run conformance [-- --verbose] [--failures FILE] [--filter REGEX] [--json] [--jobs N] [--timeout SEC]
 *
 * A measure, not a gate: the exit code is 0 whatever the pass rate (2 if the runner breaks).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadExamples, locateExamples, wrapScalar } from './conformance/examples.ts';
import { runAll } from './conformance/pool.ts';
import { byKey, classify, formatFailure, pct, STATUSES, tally, tallyTable, topMismatchFamilies, topReasons, type ExampleResult } from './conformance/report.ts';

const HELP = `usage: npm run conformance -- [options]
  --verbose, -v      list every failure (id, query, expected vs actual or the error)
  --failures FILE    write that listing to FILE
  --filter REGEX     only examples whose id matches
  --json             machine-readable output on stdout (summary and every result)
  --jobs N           worker processes (default 2)
  --timeout SEC      per query (default 10)
examples: $HUNTBOOK_KQL_EXAMPLES, else ../shared/kql-docs-examples/examples.jsonl beside the repo, else /work/shared/...`;

/** The moment now() stands for, fixed so that runs compare. */
const NOW = new Date('2024-06-01T12:00:00Z');
const FLAGS_REPORTED = ['geo', 'evaluate', 'graph', 'nondeterministic', 'ellipsis', 'render', 'ordered'];

async function main(): Promise<void> {
  const { values: opts } = parseArgs({
    options: {
      verbose: { type: 'boolean', short: 'v' },
      failures: { type: 'string' },
      filter: { type: 'string' },
      json: { type: 'boolean' },
      jobs: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (opts.help) { console.log(HELP); return; }
  const jobs = Number(opts.jobs ?? 2);
  const timeoutMs = Number(opts.timeout ?? 10) * 1000;
  if (!(jobs >= 1) || !(timeoutMs > 0)) throw new Error('--jobs and --timeout take positive numbers');
  const filter = opts.filter ? new RegExp(opts.filter) : undefined;

  const path = locateExamples();
  const examples = loadExamples(path).filter((e) => !filter || filter.test(e.id));
  const planned = examples.map((ex) => {
    const wrapped = wrapScalar(ex.query);
    return { ex, query: wrapped ?? ex.query, wrapped: wrapped !== undefined };
  });

  const t0 = performance.now();
  const results: ExampleResult[] = new Array(planned.length);
  const progress = process.stderr.isTTY && !opts.json;
  let done = 0;
  await runAll(planned, jobs, timeoutMs, NOW, (p) => p.query, (p, outcome, k) => {
    results[k] = classify(p.ex, p.query, p.wrapped, outcome);
    done++;
    if (progress && (done % 10 === 0 || done === planned.length)) process.stderr.write(`\r${done}/${planned.length}`);
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - t0) / 1000;

  const det = results.filter((r) => r.deterministic);
  const total = tally(det);
  const families = [...byKey(det, (r) => r.family)].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const flags = FLAGS_REPORTED.map((f) => [f, tally(results.filter((r) => r.flags.includes(f)))] as const).filter(([, t]) => t.total > 0);
  const refusals = topReasons(det, ['refused'], 20);
  const errors = topReasons(det, ['error', 'crash', 'timeout'], 15);
  const mismatches = topMismatchFamilies(det, 10);
  const failures = [...results].filter((r) => r.status !== 'pass').sort((a, b) => Number(b.deterministic) - Number(a.deterministic) || STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || a.id.localeCompare(b.id));
  const listing = failures.map(formatFailure).join('\n\n') + '\n';
  if (opts.failures) writeFileSync(opts.failures, listing);

  const totalLine = `deterministic: ${total.pass} / ${total.total} passed (${pct(total.pass, total.total)})`;
  if (opts.json) {
    const out = {
      examples: path, now: NOW.toISOString(), seconds: Math.round(seconds * 10) / 10, filter: opts.filter ?? null,
      deterministic: total,
      all: tally(results),
      families: Object.fromEntries(families),
      flags: Object.fromEntries(flags),
      topRefusals: refusals,
      topErrors: errors,
      topMismatchFamilies: mismatches,
      results: results.map((r) => ({ ...r, actual: r.actual && { ...r.actual, rows: r.actual.rows.slice(0, 50) } })),
    };
    process.stdout.write(JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 1) + '\n');
    return;
  }

  const print = (s = '') => console.log(s);
  print(`KQL documentation examples: ${path}`);
  print(`${results.length} examples${filter ? ` matching /${opts.filter}/` : ''}, ${det.length} deterministic (no ${['nondeterministic', 'ellipsis', 'graph', 'geo'].join('/')} flag), ${seconds.toFixed(1)} s`);
  print();
  print(tallyTable('family (deterministic)', [...families, ['TOTAL', total]]));
  print();
  print(tallyTable('by flag (all examples)', flags));
  print();
  print('pass = values match; names = column names match too (of the examples with a result; bare expressions wrapped in print are not compared by name)');
  print('mismatch = a wrong answer (a bug); docs = differs from a documented output known to be wrong (bench/conformance/errata.ts)');
  print('refused = a clear "not supported" (HB001); error = other KqlError (KSnnn, HB002, HB004 DuckDB failure); crash = not a KqlError, or the worker died');
  print();
  print(`top refusal reasons (deterministic examples):`);
  for (const r of refusals) print(`  ${pad(r.count, 4)} ${r.reason}   [${r.ids.slice(0, 3).join(', ')}${r.ids.length > 3 ? ', ...' : ''}]`);
  if (!refusals.length) print('  (none)');
  print();
  print('families with the most wrong answers (deterministic):');
  for (const m of mismatches) print(`  ${pad(m.count, 4)} ${m.family}   [${m.ids.slice(0, 6).join(', ')}${m.ids.length > 6 ? ', ...' : ''}]`);
  if (!mismatches.length) print('  (none)');
  print();
  print('top errors, crashes and timeouts (deterministic):');
  for (const r of errors) print(`  ${pad(r.count, 4)} ${r.reason}   [${r.ids.slice(0, 3).join(', ')}${r.ids.length > 3 ? ', ...' : ''}]`);
  if (!errors.length) print('  (none)');
  print();
  print(`column names match: ${total.namesMatch} / ${total.namesComparable} deterministic examples with a result; values and names: ${det.filter((r) => r.status === 'pass' && r.namesMatch !== false).length}`);
  print(`all examples: ${tally(results).pass} / ${results.length} passed (${pct(tally(results).pass, results.length)})`);
  if (opts.failures) print(`failures listed in ${opts.failures} (${failures.length})`);
  if (opts.verbose) { print(); print(listing); }
  print(totalLine);
}

function pad(v: string | number, w: number): string {
  return String(v).padStart(w);
}

main().then(
  () => { process.exitCode = 0; },
  (e: unknown) => {
    console.error(`conformance runner failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exitCode = 2;
  },
);


