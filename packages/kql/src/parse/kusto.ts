/**
 * The only module that touches Microsoft's Kusto.Language (npm @kusto/language-service-next,
 * a Bridge.NET translation of the C# library). It loads the library once per process,
 * turns a Huntbook schema into Kusto symbols, parses and binds, and returns diagnostics
 * with line and column. The bound syntax tree is handed out as opaque `KNode`s; the
 * helpers below are the only way the rest of the engine reads it.
 */
import { createRequire } from 'node:module';
import { lineColumn, type Diagnostic } from '../errors.ts';
import type { KType, Column } from '../plan/types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A node of Kusto.Language's syntax tree (C# object shapes). */
export type KNode = any;

let lib: any | undefined;
function K(): any {
  if (!lib) {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    lib = (globalThis as any).Kusto.Language;
  }
  return lib;
}

export interface TableSchema { name: string; columns: Column[] }
export interface DatabaseSchema { name?: string; tables: TableSchema[] }

function scalarSymbol(t: KType): any {
  const S = K().Symbols.ScalarTypes;
  switch (t) {
    case 'bool': return S.Bool;
    case 'int': return S.Int;
    case 'long': return S.Long;
    case 'real': return S.Real;
    case 'decimal': return S.Decimal;
    case 'string': return S.String;
    case 'datetime': return S.DateTime;
    case 'timespan': return S.TimeSpan;
    case 'dynamic': return S.Dynamic;
    case 'guid': return S.Guid;
  }
}

const globalsCache = new WeakMap<DatabaseSchema, any>();
let emptyGlobals: any;

/** Kusto GlobalState for a schema; cached per schema object. */
export function globalsFor(schema: DatabaseSchema | undefined): any {
  const L = K();
  if (!schema) {
    emptyGlobals ??= L.GlobalState.Default.WithDatabase(new L.Symbols.DatabaseSymbol.$ctor1('db', []));
    return emptyGlobals;
  }
  let g = globalsCache.get(schema);
  if (!g) {
    const S = L.Symbols;
    const tables = schema.tables.map((t) => new S.TableSymbol.$ctor4(t.name, t.columns.map((c) => new S.ColumnSymbol(c.name, scalarSymbol(c.type)))));
    g = L.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.$ctor1(schema.name ?? 'db', tables));
    globalsCache.set(schema, g);
  }
  return g;
}

export interface Parsed {
  readonly text: string;
  /** the QueryBlock root */
  readonly root: KNode;
  readonly diagnostics: Diagnostic[];
}

/** Parse and bind a query against a schema. Never throws for bad queries: see `diagnostics`. */
export function parseAndBind(text: string, schema?: DatabaseSchema): Parsed {
  const L = K();
  let code: any;
  try {
    code = L.KustoCode.ParseAndAnalyze(text, globalsFor(schema));
  } catch (e) {
    throw new Error(`Kusto.Language failed on the query: ${describeException(e)}`);
  }
  const ds: Diagnostic[] = [];
  const list = code.GetDiagnostics();
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    const sev = String(d.Severity);
    if (sev !== 'Error' && sev !== '3' && d.Severity !== L.DiagnosticSeverity?.Error) continue;
    const { line, column } = lineColumn(text, d.Start);
    ds.push({ code: d.Code, severity: 'error', message: d.Message, start: d.Start, length: d.Length, line, column });
  }
  return { text, root: code.Syntax, diagnostics: ds };
}

function describeException(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

// ---- tree helpers --------------------------------------------------------------------

/** C# class name without namespace, e.g. 'FilterOperator', 'SyntaxToken+KindToken'. */
export function kindOf(n: KNode): string {
  const full: string = n?.constructor?.$$name ?? '';
  return full.startsWith('Kusto.Language.Syntax.') ? full.slice(22) : full.startsWith('Kusto.Language.Symbols.') ? full.slice(23) : full;
}

/** Elements of a SyntaxList / SeparatedElement list (unwrapping SeparatedElement). */
export function items(list: KNode): KNode[] {
  if (!list) return [];
  const out: KNode[] = [];
  for (let i = 0; i < list.Count; i++) {
    const it = list.getItem(i);
    out.push(it && it.Element !== undefined && kindOf(it).startsWith('SeparatedElement') ? it.Element : it);
  }
  return out;
}

/** Children (syntax elements) of a node, tokens included. */
export function children(n: KNode): KNode[] {
  const out: KNode[] = [];
  for (let i = 0; i < n.ChildCount; i++) {
    const c = n.GetChild(i);
    if (c) out.push(c);
  }
  return out;
}

/** The node's source text without its leading and trailing trivia (comments, spaces). */
export function textOf(n: KNode): string { return n?.ToString ? String(n.ToString(1) ?? '') : ''; }
export function startOf(n: KNode): number { return n?.TextStart ?? 0; }
export function widthOf(n: KNode): number { return n?.Width ?? 0; }

export function isToken(n: KNode): boolean { return !!n?.IsToken; }
/** Token text, e.g. 'where', 'asc'. */
export function tokenText(n: KNode): string { return n ? String(n.Text ?? '') : ''; }

const primitive: Record<string, KType> = {
  bool: 'bool', boolean: 'bool', int: 'int', long: 'long', real: 'real', double: 'real', decimal: 'decimal',
  string: 'string', datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', dynamic: 'dynamic', guid: 'guid', uniqueid: 'guid',
};

/** Kusto scalar type name -> KType, or undefined for tabular / unknown types. */
export function ktypeOfName(name: string): KType | undefined { return primitive[name.toLowerCase()]; }

/** Result type of a scalar expression as a KType ('dynamic' for bags/arrays). */
export function scalarType(n: KNode): KType | undefined {
  const t = n?.ResultType;
  if (!t) return undefined;
  if (t.Kind === 7 || t.Kind === 8) return 'dynamic';
  return primitive[String(t.Name)];
}

/** Columns of a tabular expression's result type, as Kusto.Language computed them. */
export function tableColumns(n: KNode): Column[] | undefined {
  const t = n?.ResultType;
  if (!t || t.Kind !== 10 || !t.Columns) return undefined;
  return symbolColumns(t);
}

export function symbolColumns(t: KNode): Column[] {
  const out: Column[] = [];
  for (let i = 0; i < t.Columns.Count; i++) {
    const c = t.Columns.getItem(i);
    const ty = c.Type;
    const kt: KType = ty && (ty.Kind === 7 || ty.Kind === 8) ? 'dynamic' : (primitive[String(ty?.Name)] ?? 'dynamic');
    out.push({ name: String(c.Name), type: kt });
  }
  return out;
}

export function isTabular(n: KNode): boolean { return n?.ResultType?.Kind === 10; }

/** The symbol an expression refers to: { name, kind } where kind is the C# symbol class short name. */
export function referenced(n: KNode): { name: string; kind: string; symbol: KNode } | undefined {
  const s = n?.ReferencedSymbol;
  if (!s) return undefined;
  return { name: String(s.Name), kind: kindOf(s), symbol: s };
}

/** Kusto's own name for the result column of an unnamed expression (e.g. `d.a` -> `d_a`), if it has one. */
export function expressionResultName(n: KNode): string | undefined {
  const name = K().KustoFacts.GetExpressionResultName(n, null, null);
  return name ? String(name) : undefined;
}

/** For a call of a user-defined (let) function: the body bound to the call's arguments. */
export function expansionOf(n: KNode): KNode | undefined {
  try { return n.GetExpansion() ?? undefined; } catch { return undefined; }
}

/** Literal value (C#-shaped: Long, TimeSpan, DateTime ...) and the raw literal text. */
export function literalInfo(n: KNode): { value: unknown; text: string } {
  const vi = n.LiteralValueInfo ?? n.ConstantValueInfo;
  return { value: vi?.Value, text: String(vi?.ValueText ?? n.ToString?.() ?? '') };
}

/** Named parameters like `kind=leftouter`, `withsource=T`, `bagexpansion=array`. */
export function namedParameters(params: KNode): Map<string, { text: string; node: KNode }> {
  const out = new Map<string, { text: string; node: KNode }>();
  for (const p of items(params)) {
    const name = textOf(p.Name).trim().toLowerCase();
    out.set(name, { text: textOf(p.Expression).trim(), node: p.Expression });
  }
  return out;
}

/** Completion at a position (used by the kernel and the editor): label and kind ('Column', 'Table', 'BuiltInFunction' ...). */
export function completions(text: string, position: number, schema?: DatabaseSchema): { label: string; kind: string }[] {
  const L = K();
  const svc = new L.Editor.KustoCodeService.$ctor1(text, globalsFor(schema));
  const info = svc.GetCompletionItems(position);
  const out: { label: string; kind: string }[] = [];
  for (let i = 0; i < info.Items.Count; i++) {
    const it = info.Items.getItem(i);
    out.push({ label: String(it.DisplayText), kind: completionKindName(it.Kind) });
  }
  return out;
}

let kindNames: Map<number, string> | undefined;
function completionKindName(k: number): string {
  if (!kindNames) {
    kindNames = new Map();
    for (const [name, v] of Object.entries(K().Editor.CompletionKind as Record<string, unknown>)) if (typeof v === 'number') kindNames.set(v, name);
  }
  return kindNames.get(k) ?? 'Unknown';
}
