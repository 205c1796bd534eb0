/**
 * The metadata database `<data dir>/huntbook.sqlite` (better-sqlite3, WAL mode): workspaces now;
 * users, roles, bookmarks and the rest later. Its schema grows by numbered migrations, each run
 * once in its own transaction and recorded in `schema_version`; append new ones, never edit one
 * that has shipped.
 */
import Database from 'better-sqlite3';
import type { WorkspaceInfo } from './types.ts';
import { WorkspaceExistsError } from './names.ts';

type Db = Database.Database;

/** Migration n (1-based) brings the schema from version n-1 to n. */
const MIGRATIONS: readonly ((db: Db) => void)[] = [
  (db) => db.exec(`CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    retention_days INTEGER NOT NULL,
    created_at TEXT NOT NULL
  )`),
];

interface WorkspaceRow { id: string; name: string; description: string; retention_days: number; created_at: string }

function toInfo(r: WorkspaceRow): WorkspaceInfo {
  return { id: r.id, name: r.name, description: r.description, retentionDays: r.retention_days, createdAt: r.created_at };
}

export class Metadata {
  private constructor(readonly db: Db, readonly path: string) {}

  static open(path: string): Metadata {
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      migrate(db, path);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Metadata(db, path);
  }

  /** The schema version this file is at. */
  get version(): number { return currentVersion(this.db); }

  listWorkspaces(): WorkspaceInfo[] {
    return (this.db.prepare('SELECT * FROM workspaces ORDER BY name COLLATE NOCASE').all() as WorkspaceRow[]).map(toInfo);
  }

  /** By id, else by name (case-insensitive). */
  findWorkspace(nameOrId: string): WorkspaceInfo | undefined {
    const r = (this.db.prepare('SELECT * FROM workspaces WHERE id = ?').get(nameOrId)
      ?? this.db.prepare('SELECT * FROM workspaces WHERE name = ?').get(nameOrId)) as WorkspaceRow | undefined;
    return r && toInfo(r);
  }

  /** Throws when the name is taken (case-insensitively), naming the existing workspace. */
  insertWorkspace(w: WorkspaceInfo): void {
    try {
      this.db.prepare('INSERT INTO workspaces (id, name, description, retention_days, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(w.id, w.name, w.description, w.retentionDays, w.createdAt);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new WorkspaceExistsError(this.findWorkspace(w.name)?.name ?? w.name);
      }
      throw e;
    }
  }

  deleteWorkspace(id: string): boolean {
    return this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id).changes > 0;
  }

  close(): void { this.db.close(); }
}

function currentVersion(db: Db): number {
  const r = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return r.v ?? 0;
}

function migrate(db: Db, path: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const have = currentVersion(db);
  if (have > MIGRATIONS.length) {
    throw new Error(`${path}: metadata schema version ${have} is newer than this Huntbook knows (${MIGRATIONS.length}); upgrade Huntbook`);
  }
  for (let v = have + 1; v <= MIGRATIONS.length; v++) {
    db.transaction(() => {
      if (currentVersion(db) >= v) return; // another process got there first
      MIGRATIONS[v - 1]!(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(v, new Date().toISOString());
    }).immediate();
  }
}
