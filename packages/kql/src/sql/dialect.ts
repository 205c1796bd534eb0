/** A SQL dialect turns a typed plan into one SQL statement. */
import type { QueryPlan } from '../plan/types.ts';

export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** The SQL text of a whole query. Throws UnsupportedFeature for what it cannot express. */
  emit(plan: QueryPlan): string;
  /** A datetime constant (ticks of 100 ns since 1970), for now()-relative placeholders (sql/now.ts). */
  datetimeLiteral(ticks: bigint): string;
}
