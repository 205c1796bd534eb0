/**
 * KqlResult: the value a `%kql` query gives the notebook. `columns` and `rows` are the contract's
 * typed result (rows keep the wire values: ISO datetime strings, Kusto timespans, JSON dynamics);
 * `toArray()` gives plain objects with JavaScript values (datetimes as Date objects, see
 * values.ts) and `toTable()` an Arquero table of the same. Displaying it shows at most
 * `displayLimit` rows (display.ts); the value itself always keeps every row.
 */
import { inspect } from 'node:util';
import { table, type ColumnTable } from 'arquero';
import { DISPLAY, type DisplayBundle, type Displayable, type RenderInfo, type ResultColumn } from '../types.ts';
import { DEFAULT_DISPLAY_LIMIT, resultBundle } from './display.ts';
import { toJs } from './values.ts';

export interface KqlResultInit {
  columns: ResultColumn[];
  rows: unknown[][];
  render?: RenderInfo;
  /** the query as sent to the server (kernel values already rendered as literals) */
  query: string;
  workspace: string;
  elapsedMs: number;
  displayLimit?: number;
  /** a Vega-Lite v5 spec of the render, when there is one */
  chart?: unknown;
  /** the server returned only part of the rows (its row or size limit) and said why */
  partial?: { code: string; message: string };
}

export class KqlResult implements Displayable {
  readonly columns: ResultColumn[];
  readonly rows: unknown[][];
  readonly render: RenderInfo | undefined;
  readonly query: string;
  readonly workspace: string;
  readonly elapsedMs: number;
  readonly partial: { code: string; message: string } | undefined;
  /** rows shown when displayed (`-display_limit`) */
  displayLimit: number;
  /** the Vega-Lite v5 spec shown with the table, when the query ended in `render` */
  chart: unknown;
  /** what the chart leaves out or why there is none (shown with the table) */
  chartNotes: string[] = [];

  constructor(init: KqlResultInit) {
    this.columns = init.columns;
    this.rows = init.rows;
    this.render = init.render;
    this.query = init.query;
    this.workspace = init.workspace;
    this.elapsedMs = init.elapsedMs;
    this.partial = init.partial;
    this.displayLimit = init.displayLimit ?? DEFAULT_DISPLAY_LIMIT;
    this.chart = init.chart;
  }

  get length(): number {
    return this.rows.length;
  }

  /** Every row as a plain object keyed by column name, with JavaScript values (Date for datetime). */
  toArray(): Record<string, unknown>[] {
    return this.rows.map((row) => {
      const o: Record<string, unknown> = {};
      this.columns.forEach((c, i) => { o[c.name] = toJs(c.type, row[i]); });
      return o;
    });
  }

  /** An Arquero table of every row (columns in the result's order, JavaScript values as toArray). */
  toTable(): ColumnTable {
    const data: Record<string, unknown[]> = {};
    this.columns.forEach((c, i) => { data[c.name] = this.rows.map((row) => toJs(c.type, row[i])); });
    return table(data, this.columns.map((c) => c.name));
  }

  *[Symbol.iterator](): IterableIterator<Record<string, unknown>> {
    yield* this.toArray();
  }

  [DISPLAY](): DisplayBundle {
    return resultBundle({
      columns: this.columns, rows: this.rows, render: this.render, workspace: this.workspace,
      elapsedMs: this.elapsedMs, limit: this.displayLimit, chart: this.chart, notes: this.chartNotes,
    });
  }

  /** console.log(result) and the text/plain of a bare value: a one-line summary, not 10,000 rows */
  [inspect.custom](): string {
    const cols = this.columns.map((c) => `${c.name}:${c.type}`).join(', ');
    return `KqlResult(${this.rows.length} row${this.rows.length === 1 ? '' : 's'} from ${this.workspace}: ${cols})`;
  }
}
