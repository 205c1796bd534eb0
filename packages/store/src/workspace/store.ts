/**
 * The workspaces of a data dir: metadata in `<data dir>/huntbook.sqlite`, one DuckDB file per
 * workspace in `<data dir>/workspaces/<name>/data.duckdb`, opened lazily and kept open (one
 * DuckDB instance per workspace per store; use one store per data dir in a process).
 *
 * Creation is staged: the new database is built in a hidden folder (standard tables, then the
 * caller's populate), moved into place by one rename, then recorded; if any step fails, what it
 * made is removed, so a failed create leaves nothing behind.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { Metadata } from './metadata.ts';
import { checkRetentionDays, checkWorkspaceName, WorkspaceExistsError } from './names.ts';
import { Mutex } from './mutex.ts';
import { createTables, pickStandardTables } from './standard-tables.ts';
import { OpenWorkspace, type EngineOptions } from './workspace.ts';
import type { CreateWorkspaceOptions, Workspace, WorkspaceInfo } from './types.ts';

/** The data dir: the flag, else env HUNTBOOK_DATA_DIR, else ~/.huntbook. */
export function resolveDataDir(flag?: string): string {
  return resolve(flag || process.env.HUNTBOOK_DATA_DIR || join(homedir(), '.huntbook'));
}

export interface StoreOptions extends EngineOptions {
  /** where background work (retention) reports failures; default: console.error */
  onError?: (message: string, error: unknown) => void;
}

/** Hidden folders (a valid name never starts with '.') where a workspace is built or removed. */
const STAGING = '.creating-';
const REMOVING = '.removing-';

export class WorkspaceStore {
  private readonly opened = new Map<string, Promise<OpenWorkspace>>();
  /** creates run one at a time, so two creates of one name in a process cannot both pass the checks */
  private readonly creating = new Mutex();
  private retentionTimers: NodeJS.Timeout[] = [];
  private closed = false;

  private constructor(readonly dataDir: string, private readonly meta: Metadata, private readonly options: StoreOptions) {}

  static async open(dataDir: string, options: StoreOptions = {}): Promise<WorkspaceStore> {
    const dir = resolve(dataDir);
    mkdirSync(join(dir, 'workspaces'), { recursive: true });
    // leftovers of a create or remove that a killed process did not finish
    for (const f of readdirSync(join(dir, 'workspaces'))) {
      if (f.startsWith(STAGING) || f.startsWith(REMOVING)) rmSync(join(dir, 'workspaces', f), { recursive: true, force: true });
    }
    return new WorkspaceStore(dir, Metadata.open(join(dir, 'huntbook.sqlite')), options);
  }

  /** The metadata database (later issues add their tables through its migrations). */
  get metadata(): Metadata { return this.meta; }

  private folder(name: string): string { return join(this.dataDir, 'workspaces', name); }

  /** Path of a workspace's DuckDB file. */
  databasePath(info: WorkspaceInfo): string { return join(this.folder(info.name), 'data.duckdb'); }

  list(): WorkspaceInfo[] {
    this.checkOpen();
    return this.meta.listWorkspaces();
  }

  info(nameOrId: string): WorkspaceInfo | undefined {
    this.checkOpen();
    return this.meta.findWorkspace(nameOrId);
  }

  /** Creates a workspace; throws WorkspaceExistsError when the name is taken, RangeError or TypeError for a bad option. */
  create(opts: CreateWorkspaceOptions): Promise<Workspace> {
    return this.creating.run(() => this.createNow(opts));
  }

  private async createNow(opts: CreateWorkspaceOptions): Promise<Workspace> {
    this.checkOpen();
    const name = checkWorkspaceName(opts.name);
    const retentionDays = checkRetentionDays(opts.retentionDays);
    const description = opts.description ?? '';
    if (typeof description !== 'string') throw new TypeError('the description must be a string');
    const tables = pickStandardTables(opts.standardTables);
    const existing = this.meta.findWorkspace(name);
    if (existing && existing.name.toLowerCase() === name.toLowerCase()) throw new WorkspaceExistsError(existing.name);
    const final = this.folder(name);
    if (existsSync(final)) throw new Error(`cannot create workspace '${name}': the folder ${final} already exists and belongs to no workspace; move it away first`);

    const info: WorkspaceInfo = { id: randomUUID(), name, description, retentionDays, createdAt: new Date().toISOString() };
    const staging = join(this.dataDir, 'workspaces', `${STAGING}${info.id}`);
    let moved = false;
    let recorded = false;
    try {
      mkdirSync(staging);
      const stagedDb = join(staging, 'data.duckdb');
      const inst = await DuckDBInstance.create(stagedDb);
      try {
        const conn = await inst.connect();
        try {
          await createTables(conn, tables);
          await conn.run('CHECKPOINT');
        } finally {
          conn.closeSync();
        }
      } finally {
        inst.closeSync();
      }
      if (opts.populate) await opts.populate(stagedDb);
      renameSync(staging, final);
      moved = true;
      this.meta.insertWorkspace(info);
      recorded = true;
      const ws = await this.get(info.id);
      if (!ws) throw new Error(`workspace '${name}' vanished while it was being created`);
      return ws;
    } catch (e) {
      if (recorded) {
        const p = this.opened.get(info.id);
        this.opened.delete(info.id);
        await p?.then((w) => w.close(), () => {});
        this.meta.deleteWorkspace(info.id);
      }
      rmSync(moved ? final : staging, { recursive: true, force: true });
      throw e;
    }
  }

  /** The open workspace (opened on first use, then shared), or undefined when there is none by that name or id. */
  async get(nameOrId: string): Promise<Workspace | undefined> {
    this.checkOpen();
    const info = this.meta.findWorkspace(nameOrId);
    if (!info) return undefined;
    let p = this.opened.get(info.id);
    if (!p) {
      const path = this.databasePath(info);
      if (!existsSync(path)) throw new Error(`workspace '${info.name}' has no database file at ${path}`);
      p = OpenWorkspace.open(info, path, this.options, () => {
        if (this.opened.get(info.id) === p) this.opened.delete(info.id);
      });
      this.opened.set(info.id, p);
      p.catch(() => { if (this.opened.get(info.id) === p) this.opened.delete(info.id); });
    }
    return p;
  }

  /** Closes the workspace and deletes it with its data; false when there is none by that name or id. */
  async remove(nameOrId: string): Promise<boolean> {
    this.checkOpen();
    const info = this.meta.findWorkspace(nameOrId);
    if (!info) return false;
    const p = this.opened.get(info.id);
    this.opened.delete(info.id);
    if (p) await p.then((w) => w.close(), () => {});
    const folder = this.folder(info.name);
    const trash = join(this.dataDir, 'workspaces', `${REMOVING}${info.id}`);
    // one rename takes the data out of sight; the record goes next; the files last
    if (existsSync(folder)) renameSync(folder, trash);
    try {
      this.meta.deleteWorkspace(info.id);
    } catch (e) {
      if (existsSync(trash)) renameSync(trash, folder);
      throw e;
    }
    rmSync(trash, { recursive: true, force: true });
    return true;
  }

  /** Applies every workspace's retention now; one workspace's failure does not stop the others. */
  async applyRetention(now: Date = new Date()): Promise<{ workspace: string; table: string; deleted: number }[]> {
    const out: { workspace: string; table: string; deleted: number }[] = [];
    for (const info of this.list()) {
      try {
        const ws = await this.get(info.id);
        for (const r of (await ws?.applyRetention(now)) ?? []) out.push({ workspace: info.name, ...r });
      } catch (e) {
        this.report(`retention of workspace '${info.name}' failed`, e);
      }
    }
    return out;
  }

  /**
   * Applies retention on a timer (unref'd: it never keeps the process alive): first after a
   * minute (or the interval, when shorter), then every `intervalMs`. Errors are reported, not thrown.
   * Returns a function that stops it.
   */
  startRetention(intervalMs = 3_600_000): () => void {
    this.checkOpen();
    if (!(intervalMs > 0)) throw new RangeError(`the retention interval must be a positive number of ms, not ${intervalMs}`);
    const timers: NodeJS.Timeout[] = [];
    const tick = () => {
      this.applyRetention().catch((e) => this.report('retention failed', e));
    };
    const first = setTimeout(() => {
      tick();
      const every = setInterval(tick, intervalMs);
      every.unref();
      timers.push(every);
      this.retentionTimers.push(every);
    }, Math.min(intervalMs, 60_000));
    first.unref();
    timers.push(first);
    this.retentionTimers.push(first);
    return () => { for (const t of timers) clearTimeout(t); };
  }

  private report(message: string, e: unknown): void {
    if (this.options.onError) this.options.onError(message, e);
    else console.error(`huntbook: ${message}: ${e instanceof Error ? e.message : String(e)}`);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the workspace store is closed');
  }

  /** Stops retention, closes every open workspace and the metadata database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.retentionTimers) clearTimeout(t);
    const open = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(open.map((p) => p.then((w) => w.close(), () => {})));
    this.meta.close();
  }
}
