/**
 * `huntbook ingest --workspace W --table T [--format F] [--errors reject|quarantine]
 * [--custom-log] [--data-dir DIR] FILE...`: one atomic batch of files into a workspace's table.
 */
import { IngestError, WorkspaceStore, type IngestFormat, type IngestReport } from '@huntbook/store';
import { parseArgs, UsageError } from './args.ts';
import { dataDir } from './workspace.ts';

export const INGEST_USAGE = `  huntbook ingest --workspace W --table T [--format F] [--errors reject|quarantine] [--custom-log] [--data-dir DIR] FILE...
      Ingest files (csv, json, ndjson, parquet, .gz of them; syslog, cef, winevent) as one batch:
      all rows or none. --errors quarantine keeps going and puts bad records in HuntbookIngestionErrors.
`;

const FORMATS: readonly IngestFormat[] = ['csv', 'json', 'ndjson', 'parquet', 'syslog', 'cef', 'winevent'];

export async function ingest(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const a = parseArgs(argv, new Set(['custom-log']), new Set(['workspace', 'table', 'format', 'errors', 'data-dir']));
  const workspace = a.options.get('workspace');
  const table = a.options.get('table');
  if (typeof workspace !== 'string' || !workspace) throw new UsageError('ingest needs --workspace NAME');
  if (typeof table !== 'string' || !table) throw new UsageError('ingest needs --table NAME');
  if (!a.positionals.length) throw new UsageError('ingest needs at least one FILE');
  const format = a.options.get('format');
  if (format !== undefined && !FORMATS.includes(format as IngestFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${String(format)}'`);
  const errors = a.options.get('errors') ?? 'reject';
  if (errors !== 'reject' && errors !== 'quarantine') throw new UsageError(`--errors must be reject or quarantine, not '${String(errors)}'`);
  const store = await WorkspaceStore.open(dataDir(a));
  try {
    const ws = await store.get(workspace);
    if (!ws) {
      err(`huntbook ingest: no workspace '${workspace}' in ${store.dataDir}\n`);
      return 1;
    }
    let report: IngestReport;
    try {
      report = await ws.ingest(table, { kind: 'files', paths: a.positionals }, { format: format as IngestFormat | undefined, errors, customLog: a.options.has('custom-log') });
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      err(`huntbook ingest: batch rejected, nothing was stored: ${e.message}\n`);
      return 1;
    }
    out(describe(report));
    return 0;
  } finally {
    await store.close();
  }
}

function describe(r: IngestReport): string {
  const secs = r.ms / 1000;
  const lines = [`ingested ${r.rows.toLocaleString('en-US')} rows into ${r.table} in ${secs.toFixed(2)} s (${Math.round(r.rows / Math.max(secs, 1e-3)).toLocaleString('en-US')} rows/s)`];
  if (r.addedColumns.length) lines.push(`added columns: ${r.addedColumns.map((c) => `${c.name} (${c.type})`).join(', ')}`);
  if (r.widened.length) lines.push(`widened columns: ${r.widened.map((w) => `${w.name} ${w.from} -> ${w.to}`).join(', ')}`);
  if (r.quarantined) lines.push(`quarantined: ${r.quarantined} records (see table HuntbookIngestionErrors)`);
  return `${lines.join('\n')}\n`;
}
