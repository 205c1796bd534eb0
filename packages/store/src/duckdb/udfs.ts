/**
 * Registers the KQL engine's JavaScript scalar functions (`duckdb.udfs` of @huntbook/kql) on
 * a DuckDB connection. DuckDB hands each function a chunk of rows (up to 2048) per call; the
 * callback runs on the JS thread.
 */
import { BIGINT, BOOLEAN, DOUBLE, DuckDBScalarFunction, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { DuckDbUdf, UdfSqlType, UdfValue } from '@huntbook/kql';

const TYPES: Record<UdfSqlType, DuckDBType> = { VARCHAR, BIGINT, DOUBLE, BOOLEAN };

export function registerUdfs(conn: DuckDBConnection, udfs: readonly DuckDbUdf[]): void {
  for (const udf of udfs) {
    conn.registerScalarFunction(DuckDBScalarFunction.create({
      name: udf.name,
      returnType: TYPES[udf.returns],
      parameterTypes: udf.args.map((a) => TYPES[a]),
      mainFunction: (info, input, output) => {
        const columns = udf.args.map((_a, i) => input.getColumnVector(i));
        const args: UdfValue[] = new Array<UdfValue>(columns.length);
        try {
          for (let row = 0; row < input.rowCount; row++) {
            for (let c = 0; c < columns.length; c++) args[c] = columns[c]!.getItem(row) as UdfValue;
            output.setItem(row, udf.fn(...args));
          }
          output.flush();
        } catch (e) {
          info.setError(`${udf.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      },
    }));
  }
}
