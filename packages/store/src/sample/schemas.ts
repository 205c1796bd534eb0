import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKustoType } from '../types.ts';

export interface TableSchema {
  name: string;
  columns: { name: string; type: string }[];
}

const here = dirname(fileURLToPath(import.meta.url));

function isSchemaDir(d: string): boolean {
  try {
    return statSync(d).isDirectory() && readdirSync(d).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
}

/**
 * Where the Sentinel schema JSON files live, in order of preference:
 * an explicit folder, env HUNTBOOK_SCHEMAS, the copy vendored in this package
 * (packages/store/schemas), then `shared/sentinel-schemas` or
 * `../shared/sentinel-schemas` found walking up from this file.
 */
export function findSchemaDir(dir?: string): string {
  if (dir) {
    if (!isSchemaDir(dir)) throw new Error(`schema folder '${dir}' has no *.json table schemas`);
    return resolve(dir);
  }
  const env = process.env.HUNTBOOK_SCHEMAS;
  if (env) {
    if (!isSchemaDir(env)) throw new Error(`HUNTBOOK_SCHEMAS='${env}' has no *.json table schemas`);
    return resolve(env);
  }
  const vendored = resolve(here, '..', '..', 'schemas');
  if (isSchemaDir(vendored)) return vendored;
  let d = here;
  for (;;) {
    for (const c of [join(d, 'shared', 'sentinel-schemas'), join(d, '..', 'shared', 'sentinel-schemas')]) {
      if (isSchemaDir(c)) return resolve(c);
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  throw new Error('Sentinel table schemas not found: set HUNTBOOK_SCHEMAS to a folder of <Table>.json files');
}

/** Reads every `<Table>.json` schema (sorted by table name); column types are normalised Kusto names. */
export function loadSentinelSchemas(dir?: string): TableSchema[] {
  const d = findSchemaDir(dir);
  const out: TableSchema[] = [];
  for (const f of readdirSync(d).filter((f) => f.endsWith('.json')).sort()) {
    const p = join(d, f);
    let j: unknown;
    try {
      j = JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      throw new Error(`${p}: invalid JSON: ${(e as Error).message}`);
    }
    const o = j as { name?: unknown; columns?: unknown };
    if (typeof o.name !== 'string' || !Array.isArray(o.columns)) {
      throw new Error(`${p}: expected {"name": string, "columns": [{"name", "type"}]}`);
    }
    const columns = o.columns.map((c: { name?: unknown; type?: unknown }, i: number) => {
      if (typeof c?.name !== 'string' || typeof c?.type !== 'string') {
        throw new Error(`${p}: column #${i + 1} needs string "name" and "type"`);
      }
      return { name: c.name, type: normalizeKustoType(c.type) as string };
    });
    out.push({ name: o.name, columns });
  }
  return out;
}
