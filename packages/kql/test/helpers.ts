/** Test helpers: run KQL on a real in-memory DuckDB and get contract values back. */
import { KqlDatabase, type QueryResult } from '@huntbook/store';
import { KqlError } from '@huntbook/kql';

let shared: Promise<KqlDatabase> | undefined;

/** A shared in-memory database (empty unless a test creates tables with `sql`). */
export function db(): Promise<KqlDatabase> {
  shared ??= KqlDatabase.open();
  return shared;
}

/** A fixed now() for deterministic tests. */
export const NOW = new Date('2024-06-01T12:00:00Z');

export async function run(kql: string): Promise<QueryResult> {
  return (await db()).query(kql, { now: NOW });
}

/** Rows of a query. */
export async function rows(kql: string): Promise<unknown[][]> {
  return (await run(kql)).rows;
}

/** The single value of a one-row, one-column query (`print x = ...`). */
export async function value(kql: string): Promise<unknown> {
  const r = await run(kql);
  return r.rows[0]?.[0];
}

/** Column names and types as "name:type". */
export async function schema(kql: string): Promise<string[]> {
  return (await run(kql)).columns.map((c) => `${c.name}:${c.type}`);
}

/** The KqlError a query raises (fails the test if it succeeds). */
export async function error(kql: string): Promise<KqlError> {
  try {
    await run(kql);
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  throw new Error(`expected an error from: ${kql}`);
}
