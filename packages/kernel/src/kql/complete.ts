/**
 * Completions in KQL magics: Kusto.Language's completion service (through @huntbook/kql's
 * `completions`) with the workspace's schema, so table and column names complete. The schema
 * comes from GET {url}/v1/workspaces/{ws}/metadata once per server and workspace; when it cannot
 * be had (no environment, server down) completion goes on without it (keywords, functions).
 * The magic's options and `name <<` are not KQL: positions are mapped around them, and `-…`
 * before the query completes option names.
 */
import { completions, type DatabaseSchema } from '@huntbook/kql';
import { connectionFromEnv, getSchema } from './client.ts';
import { optionNames, queryStart } from './options.ts';

export interface Completion {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
}

const METADATA_TIMEOUT_MS = 5_000;
const schemas = new Map<string, Promise<DatabaseSchema>>();

/** The workspace schema, fetched once (a failure is not kept: the next completion asks again). */
async function schemaFor(workspace: string | undefined): Promise<DatabaseSchema | undefined> {
  let conn;
  try {
    conn = connectionFromEnv({ workspace });
  } catch {
    return undefined;
  }
  const key = `${conn.url}\u0000${conn.workspace}`;
  let p = schemas.get(key);
  if (!p) {
    p = getSchema(conn, AbortSignal.timeout(METADATA_TIMEOUT_MS)) as Promise<DatabaseSchema>;
    schemas.set(key, p);
    p.catch(() => schemas.delete(key));
  }
  try {
    return await p;
  } catch {
    return undefined;
  }
}

/** Forget fetched schemas (after tables change; tests). */
export function clearSchemaCache(): void {
  schemas.clear();
}

/** Completions at `cursorPos` (a string index) of a magic's text, as runKqlMagic receives it. */
export async function completeKql(code: string, cursorPos: number): Promise<Completion> {
  const pos = Math.max(0, Math.min(cursorPos, code.length));
  const before = code.slice(0, pos);
  const start = queryStart(code);

  const option = /(?:^|[ \t])-([A-Za-z_]*)$/.exec(before);
  if (option && !before.includes('\n') && pos - option[1]!.length - 1 <= start.at) {
    const typed = option[1]!;
    return { matches: optionNames().filter((n) => n.startsWith(typed)).map((n) => `-${n}`), cursorStart: pos - typed.length - 1, cursorEnd: pos };
  }
  if (pos < start.at) return { matches: [], cursorStart: pos, cursorEnd: pos };

  const word = /[A-Za-z0-9_]*$/.exec(before)![0];
  const schema = await schemaFor(start.workspace);
  const labels = completions(code.slice(start.at), pos - start.at, schema);
  const lower = word.toLowerCase();
  const seen = new Set<string>();
  const matches: string[] = [];
  for (const { label } of labels) {
    const text = label.replace(/\(.*$/s, ''); // functions are listed with their signature: abs(number)
    if (!text || seen.has(text) || !text.toLowerCase().startsWith(lower)) continue;
    seen.add(text);
    matches.push(text);
  }
  return { matches, cursorStart: pos - word.length, cursorEnd: pos };
}
