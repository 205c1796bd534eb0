/**
 * The type rule of ingestion, in one place (README "Ingestion: types and widening").
 *
 * Inference of one field across a batch: JSON booleans -> bool, integers -> long, other
 * numbers -> real, strings -> datetime when every non-null value is an ISO 8601 date/time,
 * otherwise string; objects and arrays -> dynamic; nulls say nothing. Values of one field that
 * disagree are folded with widen():
 *   - the same type, or one side only nulls: that type
 *   - either side dynamic: dynamic
 *   - two numeric types (int < long < decimal < real): the wider
 *   - any other pair of different scalar types (bool, long, real, datetime, string ...): string
 *
 * An existing column of type E receiving a field inferred as I (resolveExisting()):
 *   - I is E, or only nulls, or E is string or dynamic: E is kept (values converted: Kusto's
 *     tostring text into string, JSON into dynamic)
 *   - I is string: E is kept; each string is parsed as E (ISO text into datetime, "12" into
 *     long ...) and a value that does not parse rejects its record
 *   - both numeric: E is kept when I is not wider (long into real, long into int: a value out
 *     of int's range rejects its record); otherwise E is widened to I (long -> real)
 *   - I is dynamic: E is widened to dynamic (existing values become their JSON)
 *   - any other pair (long into datetime, bool into long ...): E is widened to string, existing
 *     values becoming their tostring text
 */
import type { KType } from '@huntbook/kql';

/** Kusto type of a field, or null when only nulls were seen. */
export type Inferred = KType | null;

const NUMERIC_RANK: Partial<Record<KType, number>> = { int: 1, long: 2, decimal: 3, real: 4 };

/** Fold two inferred types of one field (the batch-level rule). */
export function widen(a: Inferred, b: Inferred): Inferred {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if (a === 'dynamic' || b === 'dynamic') return 'dynamic';
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? a : b;
  return 'string';
}

/** What happens to an existing column of type `existing` receiving values inferred as `incoming`. */
export function resolveExisting(existing: KType, incoming: Inferred): KType {
  if (incoming === null || incoming === existing || existing === 'string' || existing === 'dynamic') return existing;
  if (incoming === 'string') return existing;
  const re = NUMERIC_RANK[existing];
  const ri = NUMERIC_RANK[incoming];
  if (re !== undefined && ri !== undefined) return ri <= re || (existing === 'int' && incoming === 'long') ? existing : incoming;
  if (incoming === 'dynamic') return 'dynamic';
  return 'string';
}

/** Kusto type of one JSON value's json_type() name (DuckDB's spelling). */
export function inferJsonType(jsonType: string): Inferred {
  switch (jsonType) {
    case 'NULL': return null;
    case 'BOOLEAN': return 'bool';
    case 'BIGINT': case 'UBIGINT': return 'long';
    case 'DOUBLE': return 'real';
    case 'VARCHAR': return 'string';
    default: return 'dynamic';
  }
}
