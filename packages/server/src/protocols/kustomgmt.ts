/**
 * Kusto management commands over `/v1/rest/mgmt`, answered in the v1 shape with the columns
 * Kusto returns for each: `.show databases`, `.show database`, `.show tables`,
 * `.show table T schema as json`, `.show database schema as json`, `.show version`.
 * The database of a request is a workspace. Any other command is refused by name.
 */
import { readFileSync } from 'node:fs';
import type { Workspace, WorkspaceInfo } from '@huntbook/store';
import type { Column, KType } from '@huntbook/kql';
import { ProtocolError } from './failure.ts';
import { v1Table } from './kusto.ts';

export interface MgmtContext {
  /** the workspace the request names (its `db`), when it exists */
  database: Workspace | undefined;
  /** the workspaces the caller may see */
  workspaces: WorkspaceInfo[];
  getWorkspace(name: string): Promise<Workspace | undefined>;
}

const VERSION: string = (() => {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
})();
const STARTED = new Date().toISOString();

/** The .NET type Kusto names in a schema's `Type` (bool is System.SByte in Kusto's schemas). */
const DOTNET: Record<KType, string> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String', datetime: 'System.DateTime', timespan: 'System.TimeSpan', dynamic: 'System.Object', guid: 'System.Guid',
};

const SUPPORTED = '.show databases, .show database, .show tables, .show table T schema as json, .show database schema as json, .show version';
const NAME = String.raw`(\[\s*'(?:[^']|'')*'\s*\]|\[\s*"(?:[^"\\]|\\.)*"\s*\]|[A-Za-z_][\w-]*)`;

const strings = (...names: string[]): { name: string; type: KType }[] => names.map((name) => ({ name, type: 'string' }));

export async function kustoMgmt(command: string, ctx: MgmtContext): Promise<unknown> {
  const text = command.replace(/;\s*$/, '').replace(/\s+/g, ' ').trim();
  let m: RegExpMatchArray | null;
  if (/^\.show databases$/i.test(text)) return databases(ctx, ctx.workspaces);
  if (/^\.show database$/i.test(text)) return databases(ctx, [needDatabase(ctx, text).info]);
  if (/^\.show version$/i.test(text)) {
    return { Tables: [v1Table('Table_0', [...strings('BuildVersion'), { name: 'BuildTime', type: 'datetime' }, ...strings('ServiceType', 'ProductVersion')],
      [[VERSION, STARTED, 'Engine', `Huntbook ${VERSION}`]])] };
  }
  if (/^\.show tables$/i.test(text)) {
    const ws = needDatabase(ctx, text);
    const schema = await ws.schema();
    return { Tables: [v1Table('Table_0', strings('TableName', 'DatabaseName', 'Folder', 'DocString'),
      schema.tables.map((t) => [t.name, ws.info.name, '', '']))] };
  }
  if ((m = text.match(new RegExp(`^\\.show table ${NAME} schema as json$`, 'i')))) {
    const ws = needDatabase(ctx, text);
    const name = unbracket(m[1]!);
    const table = (await ws.schema()).tables.find((t) => t.name === name);
    if (!table) throw new ProtocolError(400, 'BadRequest_EntityNotFound', `Entity '${name}' of kind 'Table' was not found in database '${ws.info.name}' (command: ${text})`);
    return { Tables: [v1Table('Table_0', strings('TableName', 'Schema', 'DatabaseName', 'Folder', 'DocString'),
      [[table.name, JSON.stringify(tableSchema(table.name, table.columns)), ws.info.name, '', '']])] };
  }
  if (/^\.show database schema as json$/i.test(text)) {
    const ws = needDatabase(ctx, text);
    const tables: Record<string, unknown> = {};
    for (const t of (await ws.schema()).tables) tables[t.name] = { ...tableSchema(t.name, t.columns), Folder: '', DocString: '' };
    const doc = { Databases: { [ws.info.name]: { Name: ws.info.name, Tables: tables, ExternalTables: {}, MaterializedViews: {}, Functions: {}, DatabaseAccessMode: 'ReadWrite' } } };
    return { Tables: [v1Table('Table_0', strings('DatabaseSchema'), [[JSON.stringify(doc)]])] };
  }
  const name = text.match(/^\.?[^\s(]*(?: [A-Za-z-]+)?/)?.[0] ?? text;
  throw new ProtocolError(400, 'BadRequest_NotSupported', `the management command '${name}' is not supported by Huntbook (supported: ${SUPPORTED})`);
}

function needDatabase(ctx: MgmtContext, text: string): Workspace {
  if (!ctx.database) throw new ProtocolError(400, 'BadRequest_DatabaseNotExist', `'${text}' needs a database: name a workspace in the request's "db"`);
  return ctx.database;
}

function databases(ctx: MgmtContext, list: readonly WorkspaceInfo[]): unknown {
  const current = ctx.database?.info.id;
  return { Tables: [v1Table('Table_0', [
    ...strings('DatabaseName', 'PersistentStorage', 'Version'), { name: 'IsCurrent', type: 'bool' },
    ...strings('DatabaseAccessMode', 'PrettyName'), { name: 'CurrentUserIsUnrestrictedViewer', type: 'bool' }, ...strings('DatabaseId'),
  ], list.map((w) => [w.name, '', 'v1.0', w.id === current, 'ReadWrite', w.description, false, w.id]))] };
}

function tableSchema(name: string, columns: readonly Column[]): { Name: string; OrderedColumns: { Name: string; Type: string; CslType: KType }[] } {
  return { Name: name, OrderedColumns: columns.map((c) => ({ Name: c.name, Type: DOTNET[c.type], CslType: c.type })) };
}

/** `['My Table']`, `["My Table"]` or `MyTable` -> the table's name */
function unbracket(s: string): string {
  const m = s.match(/^\[\s*(['"])([\s\S]*)\1\s*\]$/);
  if (!m) return s;
  return m[1] === "'" ? m[2]!.replace(/''/g, "'") : m[2]!.replace(/\\(.)/g, '$1');
}
