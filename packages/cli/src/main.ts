/** The `huntbook` command line. */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { KqlDatabase, generateSample } from '@huntbook/store';
import { KqlError } from '@huntbook/kql';
import { parseArgs, intOption, UsageError, type ParsedArgs } from './args.ts';
import { table, csv, json } from './format.ts';
import { demo } from './demo.ts';
import { ingest, INGEST_USAGE } from './ingest.ts';
import { workspaceCommand, openWorkspaceTarget, WORKSPACE_USAGE } from './workspace.ts';
import { serve, SERVE_USAGE } from './serve.ts';
import { token, TOKEN_USAGE } from './token.ts';
import { kernel, KERNEL_USAGE } from './kernel.ts';

const USAGE = `huntbook: threat hunting with KQL on DuckDB

Usage:
  huntbook query ["KQL"] [--db FILE.duckdb] [--format table|json|csv]
      Run a query (read from standard input when not given). Without --db the query
      runs on an empty in-memory database (print, range and datatable work there).
  huntbook query ["KQL"] --workspace NAME [--data-dir DIR]
      Run a query on a workspace instead of a file (see huntbook workspace).
  huntbook query --batch [--db FILE.duckdb | --workspace NAME]
      Read JSON lines {"id", "query"} on standard input; write one JSON line per query.
  huntbook explain ["KQL"] [--db FILE.duckdb]
      Print the SQL that a query compiles to.
  huntbook sample --db FILE.duckdb [--rows N] [--seed S] [--no-stories]
      Write generated security logs (Sentinel schemas) into a DuckDB file, with attack
      stories woven in; their answer key (hunts and entities) goes to FILE.duckdb.answers.json.
  huntbook demo [--db FILE.duckdb] [--rows N]
      Generate demo logs once (default .data/demo.duckdb, 1,000,000 rows) and run a few hunts.
${INGEST_USAGE}${WORKSPACE_USAGE}${SERVE_USAGE}${TOKEN_USAGE}${KERNEL_USAGE}
Options:
  --now ISO8601   the moment now() and ago() refer to (default: the current time)
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'query': return await query(parseArgs(rest, new Set(['batch']), new Set(['db', 'format', 'now', 'workspace', 'data-dir'])));
      case 'workspace': return await workspaceCommand(rest);
      case 'ingest': return await ingest(rest);
      case 'serve': return await serve(rest, (s) => process.stdout.write(`${s}\n`));
      case 'token': return await token(rest, (s) => process.stdout.write(`${s}\n`));
      case 'kernel': return await kernel(rest, (s) => process.stdout.write(`${s}\n`));
      case 'explain': return await explain(parseArgs(rest, new Set(), new Set(['db', 'now'])));
      case 'sample': return await sample(parseArgs(rest, new Set(['no-stories']), new Set(['db', 'rows', 'seed'])));
      case 'demo': {
        const a = parseArgs(rest, new Set(), new Set(['db', 'rows']));
        await demo(String(a.options.get('db') ?? '.data/demo.duckdb'), intOption(a, 'rows', 1_000_000), (s) => process.stdout.write(`${s}\n`));
        return 0;
      }
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`huntbook: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof KqlError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`huntbook: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

async function openDb(args: ParsedArgs, readOnly: boolean): Promise<KqlDatabase> {
  const path = args.options.get('db');
  if (path === undefined) return KqlDatabase.open();
  if (typeof path !== 'string') throw new UsageError('--db needs a file name');
  if (readOnly && !existsSync(path)) throw new UsageError(`no database file at ${path}`);
  return KqlDatabase.open(path, { readOnly });
}

function nowOption(args: ParsedArgs): Date | undefined {
  const v = args.options.get('now');
  if (v === undefined) return undefined;
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO 8601 date, not '${String(v)}'`);
  return d;
}

async function queryText(args: ParsedArgs): Promise<string> {
  if (args.positionals.length > 1) throw new UsageError('give the query as one argument (quote it)');
  const q = args.positionals[0] ?? readFileSync(0, 'utf8');
  if (!q.trim()) throw new UsageError('the query is empty');
  return q;
}

async function query(args: ParsedArgs): Promise<number> {
  if (args.options.has('batch')) return batch(args);
  const format = String(args.options.get('format') ?? 'table');
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, not '${format}'`);
  const text = await queryText(args);
  const db = (await openWorkspaceTarget(args)) ?? await openDb(args, true);
  try {
    const r = await db.query(text, { now: nowOption(args) });
    process.stdout.write(`${format === 'json' ? json(r) : format === 'csv' ? csv(r) : table(r)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** The JSON-lines contract of DESIGN.md: one output line per input line, in order. */
async function batch(args: ParsedArgs): Promise<number> {
  const db = (await openWorkspaceTarget(args)) ?? await openDb(args, true);
  const now = nowOption(args);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (!line.trim()) continue;
      let id: unknown = null;
      let out: unknown;
      try {
        const msg = JSON.parse(line) as { id?: unknown; query?: unknown };
        id = msg.id ?? null;
        if (typeof msg.query !== 'string') throw new BatchInputError('each line needs a "query" string');
        const r = await db.query(msg.query, { now });
        out = { id, columns: r.columns, rows: r.rows, stats: r.stats };
      } catch (e) {
        if (e instanceof KqlError) {
          const d = e.diagnostics[0];
          out = { id, error: { message: e.message, line: d?.line ?? 1, column: d?.column ?? 1, code: e.code } };
        } else if (e instanceof SyntaxError || e instanceof BatchInputError) {
          out = { id, error: { message: `bad input line: ${e.message}`, line: 1, column: 1 } };
        } else {
          out = { id, error: { message: e instanceof Error ? e.message : String(e), line: 1, column: 1 } };
        }
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    }
  } finally {
    await db.close();
  }
  return 0;
}

class BatchInputError extends Error {}

async function explain(args: ParsedArgs): Promise<number> {
  const text = await queryText(args);
  const db = await openDb(args, true);
  try {
    process.stdout.write(`${await db.explain(text, { now: nowOption(args) })}\n`);
    return 0;
  } finally {
    db.close();
  }
}

async function sample(args: ParsedArgs): Promise<number> {
  const path = args.options.get('db');
  if (typeof path !== 'string') throw new UsageError('sample needs --db FILE.duckdb');
  const rows = intOption(args, 'rows', 100_000);
  const seed = intOption(args, 'seed', 1);
  const stories = args.options.has('no-stories') ? false : undefined;
  const r = await generateSample({ db: path, rows, seed, stories, onProgress: (m) => process.stderr.write(`${m}\n`) });
  for (const t of r.tables) process.stdout.write(`${t.name}\t${t.rows}\n`);
  process.stdout.write(`wrote ${r.tables.reduce((a, t) => a + t.rows, 0)} rows to ${path} in ${(r.ms / 1000).toFixed(1)} s\n`);
  const key = `${path}.answers.json`;
  writeFileSync(key, `${JSON.stringify(r.answers, null, 2)}\n`);
  process.stdout.write(`answer key (${r.answers.stories.length} attack stories, hunts relative to now() = ${r.answers.end}): ${key}\n`);
  return 0;
}
