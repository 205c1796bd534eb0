/**
 * API tokens: random secrets shown once, stored only as SHA-256 hashes in the `tokens`
 * table of `<data dir>/huntbook.sqlite`. A token is `hb_` + 32 random bytes in base64url.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const TOKEN_PREFIX = 'hb_';
/** `hb_` + 43 base64url characters (32 bytes) */
const TOKEN_SHAPE = /^hb_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per token, so verification stays cheap */
const TOUCH_EVERY_MS = 60_000;

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** Who made a request: the token's id and name (users and roles come later). */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export class TokenStore {
  private readonly lastTouch = new Map<string, number>();
  private constructor(private readonly db: Database.Database) {}

  /** Open the tokens table of `<dataDir>/huntbook.sqlite`, creating the file and table when missing. */
  static open(dataDir: string): TokenStore {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'huntbook.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      hash BLOB NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_used_at TEXT
    )`);
    return new TokenStore(db);
  }

  /** Make a token; the secret is returned once and never stored. */
  create(name = 'token'): { token: string; info: TokenInfo } {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const info: TokenInfo = { id: randomUUID(), name, createdAt: new Date().toISOString(), lastUsedAt: null };
    this.db.prepare('INSERT INTO tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)').run(info.id, name, hashToken(token), info.createdAt);
    return { token, info };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
  }

  list(): TokenInfo[] {
    const rows = this.db.prepare('SELECT id, name, created_at, last_used_at FROM tokens ORDER BY created_at').all() as { id: string; name: string; created_at: string; last_used_at: string | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  /** Remove a token by id or name; returns how many were removed. */
  revoke(idOrName: string): number {
    return this.db.prepare('DELETE FROM tokens WHERE id = ? OR name = ?').run(idOrName, idOrName).changes;
  }

  /** The principal of a presented token, or undefined when it is malformed, unknown or revoked. */
  verify(token: string): Principal | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const hash = hashToken(token);
    const row = this.db.prepare('SELECT id, name, hash FROM tokens WHERE hash = ?').get(hash) as { id: string; name: string; hash: Buffer } | undefined;
    if (!row || row.hash.length !== hash.length || !timingSafeEqual(row.hash, hash)) return undefined;
    const now = Date.now();
    if (now - (this.lastTouch.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.lastTouch.set(row.id, now);
      this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(new Date(now).toISOString(), row.id);
    }
    return { tokenId: row.id, name: row.name };
  }

  close(): void {
    this.db.close();
  }
}

/** Make a token in a data dir (the `huntbook token create` command and first start). */
export function createToken(dataDir: string, name = 'token'): { token: string; info: TokenInfo } {
  const store = TokenStore.open(dataDir);
  try {
    return store.create(name);
  } finally {
    store.close();
  }
}
