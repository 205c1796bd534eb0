/**
 * The results grid's data: a typed KQL result as the contract gives it (Kusto column types,
 * rows of wire values: ISO datetimes, Kusto timespans, JSON dynamics, "NaN"/"Infinity" strings
 * for non-finite reals, null), as in `application/vnd.huntbook.kql-result+json`.
 */

export interface GridColumn {
  readonly name: string;
  /** Kusto type name: bool, int, long, real, decimal, string, datetime, timespan, dynamic, guid */
  readonly type: string;
}

export type GridRow = readonly unknown[];

export interface GridData {
  readonly columns: readonly GridColumn[];
  readonly rows: readonly GridRow[];
}

/** The typed result of a KQL query as the kernel displays it. */
export interface KqlResultOutput extends GridData {
  readonly render?: { kind: string; properties?: Record<string, unknown> } | null;
  readonly rowCount?: number;
  readonly truncated?: boolean;
  readonly workspace?: string;
  readonly elapsedMs?: number;
}

export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['int', 'long', 'real', 'decimal']);
