/**
 * `huntbook workspace create|list|show` and the `--workspace` option of `huntbook query`: the
 * workspaces of a data dir (--data-dir, else HUNTBOOK_DATA_DIR, else ~/.huntbook).
 */
import { WorkspaceStore, resolveDataDir, type QueryOptions, type RunResult, type Workspace } from '@huntbook/store';
import { parseArgs, intOption, UsageError, type ParsedArgs } from './args.ts';
import { table } from './format.ts';

export const WORKSPACE_USAGE = `  huntbook workspace create NAME [--description D] [--retention-days N] [--standard-tables] [--data-dir DIR]
      Create a workspace (a DuckDB database in DIR/workspaces/NAME); --standard-tables creates
      every Sentinel table, empty. DIR defaults to HUNTBOOK_DATA_DIR, then ~/.huntbook.
  huntbook workspace list [--data-dir DIR]
  huntbook workspace show NAME [--data-dir DIR]
      A workspace's tables: columns, rows, size on disk, first and last TimeGenerated.
`;

type Say = (s: string) => void;

/** The data dir of a command: --data-dir, else HUNTBOOK_DATA_DIR, else ~/.huntbook. */
export function dataDir(args: ParsedArgs): string {
  const v = args.options.get('data-dir');
  if (v === true) throw new UsageError('--data-dir needs a folder');
  return resolveDataDir(v);
}

/** DuckDB's lock error, when another process (huntbook serve) holds the workspace, said plainly. */
function lockError(e: unknown): unknown {
  const m = e instanceof Error ? e.message : String(e);
  if (!/Could not set lock on file/i.test(m)) return e;
  return new Error(`${m.split('\n')[0]}\nthe workspace is open in another process (huntbook serve?): query it through that server, or stop it first`);
}

async function withStore<T>(args: ParsedArgs, work: (store: WorkspaceStore) => Promise<T>): Promise<T> {
  const store = await WorkspaceStore.open(dataDir(args));
  try {
    return await work(store);
  } catch (e) {
    throw lockError(e);
  } finally {
    await store.close();
  }
}

async function mustGet(store: WorkspaceStore, name: string): Promise<Workspace> {
  const ws = await store.get(name);
  if (!ws) throw new UsageError(`no workspace named '${name}' in ${store.dataDir} (huntbook workspace list shows them)`);
  return ws;
}

function oneName(args: ParsedArgs, what: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`workspace ${what} needs one NAME`);
  return args.positionals[0]!;
}

export async function workspaceCommand(argv: string[], say: Say = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'create': {
      const args = parseArgs(rest, new Set(['standard-tables']), new Set(['description', 'retention-days', 'data-dir']));
      const name = oneName(args, 'create');
      const description = args.options.get('description');
      if (description === true) throw new UsageError('--description needs a text');
      const retentionDays = args.options.has('retention-days') ? intOption(args, 'retention-days', 90) : undefined;
      return withStore(args, async (store) => {
        const ws = await store.create({ name, description, retentionDays, standardTables: args.options.has('standard-tables') });
        const n = (await ws.schema()).tables.length;
        say(`created workspace '${ws.info.name}' (id ${ws.info.id}, retention ${ws.info.retentionDays} days, ${n} table${n === 1 ? '' : 's'}) in ${store.dataDir}`);
        return 0;
      });
    }
    case 'list': {
      const args = parseArgs(rest, new Set(), new Set(['data-dir']));
      if (args.positionals.length) throw new UsageError('workspace list takes no NAME');
      return withStore(args, async (store) => {
        const rows = store.list().map((w) => [w.name, w.id, w.retentionDays, w.createdAt, w.description]);
        say(table({ columns: ['Name', 'Id', 'RetentionDays', 'Created', 'Description'].map((name) => ({ name, type: 'string' })), rows, stats: noStats }));
        return 0;
      });
    }
    case 'show': {
      const args = parseArgs(rest, new Set(), new Set(['data-dir']));
      const name = oneName(args, 'show');
      return withStore(args, async (store) => {
        const ws = await mustGet(store, name);
        const i = ws.info;
        say(`workspace '${i.name}' (id ${i.id}), retention ${i.retentionDays} days, created ${i.createdAt}${i.description ? `: ${i.description}` : ''}`);
        const rows = (await ws.tables()).map((t) => [t.name, t.columns.length, t.rows, sizeText(t.bytes), t.firstTime ?? '', t.lastTime ?? '']);
        say(table({ columns: ['Table', 'Columns', 'Rows', 'Size', 'FirstTime', 'LastTime'].map((name) => ({ name, type: 'string' })), rows, stats: noStats }));
        return 0;
      });
    }
    default:
      throw new UsageError(sub === undefined ? 'workspace needs create, list or show' : `unknown workspace command '${sub}'`);
  }
}

const noStats = { parse_ms: 0, compile_ms: 0, execute_ms: 0, cached: false };

function sizeText(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** What `huntbook query` needs of a database or a workspace. */
export interface QueryTarget {
  query(kql: string, options?: QueryOptions): Promise<RunResult>;
  close(): void | Promise<void>;
}

/**
 * The workspace named by --workspace (with --data-dir), as a query target; undefined without
 * --workspace. A result cut by the workspace's limits is said on standard error.
 */
export async function openWorkspaceTarget(args: ParsedArgs, warn: Say = (s) => process.stderr.write(`${s}\n`)): Promise<QueryTarget | undefined> {
  const name = args.options.get('workspace');
  if (name === undefined) return undefined;
  if (name === true) throw new UsageError('--workspace needs a name');
  if (args.options.has('db')) throw new UsageError('give --db or --workspace, not both');
  const store = await WorkspaceStore.open(dataDir(args));
  let ws: Workspace;
  try {
    ws = await mustGet(store, name);
  } catch (e) {
    await store.close();
    throw lockError(e);
  }
  return {
    async query(kql, options) {
      const r = await ws.query(kql, options);
      if (r.partial) warn(`warning: ${r.partial.message}`);
      return r;
    },
    close: () => store.close(),
  };
}
