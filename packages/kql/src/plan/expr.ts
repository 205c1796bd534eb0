/** Scalar expressions: bound Kusto syntax -> typed plan expressions. */
import {
  kindOf, items, referenced, scalarType, tokenText, literalInfo, startOf, widthOf, textOf, expansionOf, isTabular, ktypeOfName,
  type KNode,
} from '../parse/kusto.ts';
import { UnsupportedFeature, InvalidQuery } from '../errors.ts';
import { parseDatetime, parseTimespan, formatDatetime, formatTimespan } from './literals.ts';
import type { BuildContext, Scope } from './context.ts';
import type { Expr, KType, LitValue, Plan } from './types.ts';
import { AGGREGATES, WINDOW_FUNCTIONS } from './catalog.ts';

/** Tabular builder, injected to break the module cycle (toscalar, in (T | ...)). */
export type TabBuilder = (n: KNode, ctx: BuildContext) => Plan;
let tabular: TabBuilder;
export function setTabularBuilder(t: TabBuilder): void { tabular = t; }

export function lit(type: KType, value: LitValue): Expr {
  return { k: 'lit', type, value };
}

export function typeOf(n: KNode, fallback: KType = 'dynamic'): KType {
  return scalarType(n) ?? fallback;
}

function unsupported(what: string, n: KNode, hint?: string): never {
  throw new UnsupportedFeature(what, startOf(n), widthOf(n), hint);
}

/** A literal expression node -> lit. */
export function literal(n: KNode): Expr {
  const type = typeOf(n, 'string');
  const { value, text } = literalInfo(n);
  const raw = textOf(n).trim();
  const isNull = value === null || value === undefined || /\(\s*null\s*\)$/i.test(raw);
  if (isNull && type !== 'string') return lit(type, null);
  switch (type) {
    case 'string': return lit('string', value == null ? '' : String(value));
    case 'bool': return lit('bool', /^true$/i.test(text) || String(value) === 'True');
    case 'int': case 'long': {
      const s = String(value).trim();
      if (/^0x[0-9a-f]+$/i.test(text)) return lit(type, BigInt(text));
      return lit(type, BigInt(s));
    }
    case 'real': {
      const s = text.trim().toLowerCase();
      if (s === 'nan') return lit('real', NaN);
      if (s === '+inf' || s === 'inf') return lit('real', Infinity);
      if (s === '-inf') return lit('real', -Infinity);
      return lit('real', Number(value?.toString?.() ?? text));
    }
    case 'decimal': return lit('decimal', text.trim());
    case 'datetime': {
      const t = parseDatetime(text);
      if (t === null) throw new InvalidQuery(`cannot read the datetime literal '${raw}'`, startOf(n), widthOf(n));
      return lit('datetime', t);
    }
    case 'timespan': {
      const t = parseTimespan(text);
      if (t === null) throw new InvalidQuery(`cannot read the timespan literal '${raw}'`, startOf(n), widthOf(n));
      return lit('timespan', t);
    }
    case 'guid': return lit('guid', text.trim().toLowerCase());
    case 'dynamic': return lit('dynamic', { json: parseDynamicText(text, n) });
  }
}

/** The value of a dynamic(...) literal, read from Kusto.Language's tree of it (nested dynamic(), datetime() ...). */
export function dynamicValue(n: KNode): unknown {
  switch (kindOf(n)) {
    case 'DynamicExpression': return n.Expression ? dynamicValue(n.Expression) : null;
    case 'ParenthesizedExpression': return dynamicValue(n.Expression);
    case 'JsonObjectExpression': {
      const o: Record<string, unknown> = {};
      for (const p of items(n.Pairs)) o[unquote(tokenText(p.Name))] = dynamicValue(p.Value);
      return o;
    }
    case 'JsonArrayExpression': return items(n.Values).map(dynamicValue);
    case 'PrefixUnaryExpression': {
      const v = dynamicValue(n.Expression);
      return tokenText(n.Operator) === '-' && typeof v === 'number' ? -v : v;
    }
    case 'LiteralExpression': {
      if (textOf(n).trim() === 'null') return null;
      const e = literal(n);
      if (e.k !== 'lit') return null;
      const v = e.value;
      if (v === null) return null;
      switch (e.type) {
        case 'int': case 'long': return Number(v);
        case 'datetime': return formatDatetime(v as bigint);
        case 'timespan': return formatTimespan(v as bigint);
        case 'dynamic': return (v as { json: unknown }).json;
        default: return v;
      }
    }
    default: return parseDynamicText(textOf(n), n);
  }
}

/** A JSON name token's text: "a", 'a' or a bare identifier. */
function unquote(t: string): string {
  const s = t.trim();
  if (s.startsWith('"')) { try { return JSON.parse(s) as string; } catch { return s.slice(1, -1); } }
  if (s.startsWith("'")) return s.slice(1, -1).replace(/\\'/g, "'").replace(/\\\\/g, '\\');
  return s;
}

/** The inside of dynamic(...) : JSON, plus Kusto's relaxed forms (single quotes, datetime(...)). */
export function parseDynamicText(text: string, n: KNode): unknown {
  let t = text.trim();
  const m = /^dynamic\s*\(([\s\S]*)\)$/i.exec(t);
  if (m) t = m[1]!.trim();
  if (t === '' || t === 'null') return null;
  try { return JSON.parse(t); } catch { /* relaxed forms below */ }
  let relaxed = t
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_s, inner: string) => JSON.stringify(inner.replace(/\\'/g, "'")))
    .replace(/\b(?:datetime|timespan|time|guid)\(([^)]*)\)/g, (_s, inner: string) => JSON.stringify(inner.trim()));
  relaxed = relaxed.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":');
  try { return JSON.parse(relaxed); } catch {
    throw new InvalidQuery(`cannot read the dynamic literal ${text.slice(0, 60)}`, startOf(n), widthOf(n));
  }
}

function call(fn: string, args: Expr[], type: KType, n: KNode): Expr {
  return { k: 'call', fn, args, type, pos: startOf(n) };
}

/** Build a scalar expression in a scope. */
export function expr(n: KNode, scope: Scope, ctx: BuildContext): Expr {
  const kind = kindOf(n);
  switch (kind) {
    case 'LiteralExpression': return literal(n);
    case 'DynamicExpression': return lit('dynamic', { json: dynamicValue(n) });
    case 'ParenthesizedExpression': return expr(n.Expression, scope, ctx);
    case 'NameReference': return nameRef(n, scope, ctx);
    case 'BracketedExpression': return expr(n.Expression, scope, ctx);
    case 'BinaryExpression': {
      const op = tokenText(n.Operator).toLowerCase();
      const l = expr(n.Left, scope, ctx);
      const r = expr(n.Right, scope, ctx);
      return call(op, [l, r], typeOf(n, 'bool'), n);
    }
    case 'PrefixUnaryExpression': {
      const op = tokenText(n.Operator);
      const e = expr(n.Expression, scope, ctx);
      if (op === '+') return e;
      if (op === '-') {
        if (e.k === 'lit' && typeof e.value === 'bigint') return lit(e.type, -e.value);
        if (e.k === 'lit' && typeof e.value === 'number') return lit(e.type, -e.value);
        return call('neg', [e], typeOf(n, e.type), n);
      }
      return unsupported(`the prefix operator '${op}'`, n);
    }
    case 'InExpression': case 'HasAnyExpression': case 'HasAllExpression': {
      const op = kind === 'InExpression' ? tokenText(n.Operator).toLowerCase() : kind === 'HasAnyExpression' ? 'has_any' : 'has_all';
      const left = expr(n.Left, scope, ctx);
      return call(op, [left, listOf(items(n.Right.Expressions), scope, ctx)], 'bool', n);
    }
    case 'BetweenExpression': {
      const op = tokenText(n.Operator).toLowerCase();
      const left = expr(n.Left, scope, ctx);
      const lo = expr(n.Right.First, scope, ctx);
      const hi = expr(n.Right.Second, scope, ctx);
      return call(op, [left, lo, hi], 'bool', n);
    }
    case 'FunctionCallExpression': return functionCall(n, scope, ctx);
    case 'ToScalarExpression': {
      if (!isTabular(n.Expression)) return expr(n.Expression, scope, ctx);
      const plan = tabular(n.Expression, ctx);
      return { k: 'scalar', plan, type: typeOf(n, plan.columns[0]?.type ?? 'dynamic') };
    }
    case 'PathExpression': {
      const base = expr(n.Expression, scope, ctx);
      const sel = n.Selector;
      const key = kindOf(sel) === 'BracketedExpression' ? expr(sel.Expression, scope, ctx) : lit('string', nameText(sel));
      return call('getpath', [base, key], 'dynamic', n);
    }
    case 'ElementExpression': {
      const base = expr(n.Expression, scope, ctx);
      const sel = n.Selector;
      const key = expr(kindOf(sel) === 'BracketedExpression' ? sel.Expression : sel, scope, ctx);
      return call(key.type === 'string' ? 'getpath' : 'getindex', [base, key], 'dynamic', n);
    }
    case 'SimpleNamedExpression': return expr(n.Expression, scope, ctx);
    case 'TypeOfLiteralExpression': {
      // typeof(int) as a function argument (extract(..., typeof(long)), to typeof(...)): the type name
      const names = items(n.Types).map((t: KNode) => textOf(t).trim().toLowerCase());
      return lit('string', names.join(','));
    }
    default:
      return unsupported(`the expression '${textOf(n).trim().slice(0, 40)}' (${kind})`, n);
  }
}

/** Name of a NameReference / TokenName / BracketedName. */
export function nameText(n: KNode): string {
  const k = kindOf(n);
  if (k === 'NameReference') return nameText(n.Name);
  if (k === 'NameDeclaration') return nameText(n.Name);
  if (k === 'BracketedName') {
    const v = literalInfo(n.Name ?? n).value;
    if (typeof v === 'string') return v;
    return textOf(n).trim().replace(/^\[\s*['"]?|['"]?\s*\]$/g, '');
  }
  if (k === 'BracedName') return textOf(n).trim().replace(/^\{|\}$/g, '');
  const s = n.SimpleName ?? n.Text;
  if (typeof s === 'string') return s;
  return textOf(n).trim();
}

function listOf(ns: KNode[], scope: Scope, ctx: BuildContext): Expr {
  if (ns.length === 1 && isTabular(ns[0])) {
    const plan = tabular(ns[0], ctx);
    return { k: 'tableset', plan, type: plan.columns[0]?.type ?? 'dynamic' };
  }
  const itemsE = ns.map((x) => expr(x, scope, ctx));
  return { k: 'list', items: itemsE, type: itemsE[0]?.type ?? 'dynamic' };
}

function nameRef(n: KNode, scope: Scope, ctx: BuildContext): Expr {
  const ref = referenced(n);
  const name = nameText(n);
  if (!ref) throw new InvalidQuery(`the name '${name}' does not refer to anything known`, startOf(n), widthOf(n));
  switch (ref.kind) {
    case 'ColumnSymbol': return column(ref.name, scope, n);
    case 'VariableSymbol': case 'ParameterSymbol': {
      const b = ctx.symbols.get(ref.symbol) ?? ctx.lookupParam(ref.name);
      if (b?.kind === 'scalar') return b.expr;
      if (b?.kind === 'table') return unsupported(`using the table '${ref.name}' as a scalar`, n);
      if (n.IsConstant && n.ConstantValueInfo) return constantOf(n);
      throw new InvalidQuery(`the name '${ref.name}' has no value here`, startOf(n), widthOf(n));
    }
    case 'FunctionSymbol': return functionCall(n, scope, ctx);
    default: return unsupported(`a reference to ${ref.kind.replace('Symbol', '').toLowerCase()} '${ref.name}' in a scalar expression`, n);
  }
}

function constantOf(n: KNode): Expr {
  const type = typeOf(n, 'string');
  const vi = n.ConstantValueInfo;
  const text = String(vi?.ValueText ?? vi?.Value ?? '');
  switch (type) {
    case 'string': return lit('string', text);
    case 'long': case 'int': return lit(type, BigInt(text));
    case 'real': return lit('real', Number(text));
    case 'bool': return lit('bool', /^true$/i.test(text));
    case 'datetime': { const t = parseDatetime(text); return lit('datetime', t); }
    case 'timespan': { const t = parseTimespan(text); return lit('timespan', t); }
    default: return unsupported(`a constant of type ${type}`, n);
  }
}

export function column(name: string, scope: Scope, n: KNode): Expr {
  const d = scope.defined?.get(name);
  if (d) return d;
  const c = scope.columns.find((x) => x.name === name);
  if (!c) throw new InvalidQuery(`the column '${name}' does not exist here`, startOf(n), widthOf(n));
  return { k: 'col', name: c.name, type: c.type };
}

/** Arguments of a call (ExpressionList items). */
export function callArgs(n: KNode): KNode[] {
  return n.ArgumentList ? items(n.ArgumentList.Expressions) : [];
}

function functionCall(n: KNode, scope: Scope, ctx: BuildContext): Expr {
  const ref = referenced(n);
  const name = (ref?.name ?? nameText(n.Name)).toLowerCase();
  const argNodes = callArgs(n);
  const type = typeOf(n, 'dynamic');

  // user-defined function (let f = (...) {...}): translate its expansion
  const expansion = ref && !isBuiltin(ref.symbol) ? expansionOf(n) : undefined;
  if (expansion) return withParams(n, ref!.symbol, argNodes, scope, ctx, () => {
    const body = expansion.Expression ?? expansion;
    bindBodyLets(expansion, scope, ctx);
    if (isTabular(body)) return unsupported(`calling the tabular function '${ref!.name}' in a scalar context`, n);
    return expr(body, scope, ctx);
  });

  switch (name) {
    case 'now': {
      const off = argNodes.length ? expr(argNodes[0], scope, ctx) : lit('timespan', 0n);
      return offsetNow(ctx, off, n, 1n);
    }
    case 'ago': return offsetNow(ctx, expr(argNodes[0], scope, ctx), n, -1n);
    case 'iff': case 'iif': {
      const [c, a, b] = argNodes.map((x) => expr(x, scope, ctx));
      return { k: 'case', whens: [{ cond: c!, then: a! }], else: b!, type };
    }
    case 'case': {
      const es = argNodes.map((x) => expr(x, scope, ctx));
      const whens = [];
      for (let i = 0; i + 1 < es.length; i += 2) whens.push({ cond: es[i]!, then: es[i + 1]! });
      return { k: 'case', whens, else: es[es.length - 1]!, type };
    }
    case 'toscalar': {
      if (!isTabular(argNodes[0])) return expr(argNodes[0], scope, ctx);
      const plan = tabular(argNodes[0], ctx);
      return { k: 'scalar', plan, type };
    }
    case 'pack_all': {
      const ignore = argNodes[0] ? expr(argNodes[0], scope, ctx) : lit('bool', false);
      if (!(ignore.k === 'lit' && ignore.value === false)) return unsupported('pack_all(true) (leaving out null and empty columns)', n);
      const args: Expr[] = [];
      for (const c of scope.columns) args.push(lit('string', c.name), column(c.name, scope, n));
      return call('bag_pack', args, 'dynamic', n);
    }
    case 'column_ifexists': {
      const colName = literalInfo(argNodes[0]).value;
      const c = scope.columns.find((x) => x.name === colName) ?? (typeof colName === 'string' && scope.defined?.has(colName) ? { name: colName, type } : undefined);
      if (c) return column(c.name, scope, n);
      return expr(argNodes[1], scope, ctx);
    }
  }

  if (WINDOW_FUNCTIONS.has(name)) {
    if (!scope.serialized) throw new InvalidQuery(`${name}() needs a serialized row set: add 'serialize' or 'sort' before it`, startOf(n), widthOf(n));
    return { k: 'win', fn: name, args: argNodes.map((x) => expr(x, scope, ctx)), type, order: scope.order ?? [], pos: startOf(n) };
  }
  if (AGGREGATES.has(name)) {
    return { k: 'agg', fn: name, args: argNodes.map((x) => aggArg(x, scope, ctx)), type, pos: startOf(n) };
  }
  return call(name, argNodes.map((x) => expr(x, scope, ctx)), type, n);
}

/** Aggregate arguments may be `*`. */
function aggArg(n: KNode, scope: Scope, ctx: BuildContext): Expr {
  if (kindOf(n) === 'StarExpression') return { k: 'list', items: scope.columns.map((c) => ({ k: 'col', name: c.name, type: c.type }) as Expr), type: 'dynamic' };
  return expr(n, scope, ctx);
}

function offsetNow(ctx: BuildContext, off: Expr, n: KNode, sign: bigint): Expr {
  if (off.k === 'lit' && typeof off.value === 'bigint') return nowLit(ctx, sign * off.value);
  return call(sign > 0n ? '+' : '-', [nowLit(ctx, 0n), off], 'datetime', n);
}

/**
 * now() + offset as a datetime literal that stays symbolic: dialects emit it as a placeholder.
 * Reading its `value` (constant folding, make-series bounds ...) ties the plan to this instant;
 * the getter records that, and compile() then keeps the result out of its cache.
 */
export function nowLit(ctx: BuildContext, offset: bigint): Expr {
  const clock = ctx.clock;
  clock.used = true;
  const e = { k: 'lit', type: 'datetime', now: offset } as { k: 'lit'; type: KType; value: LitValue; now: bigint };
  Object.defineProperty(e, 'value', { enumerable: true, get: () => { clock.baked = true; return ctx.nowTicks + offset; } });
  return e;
}

function isBuiltin(sym: KNode): boolean {
  // Built-in functions have no declaration in the query; user functions carry a signature with a body.
  try {
    const sigs = sym.Signatures;
    if (!sigs || sigs.Count === 0) return true;
    const s = sigs.getItem(0);
    return !(s.Body || s.Declaration);
  } catch { return true; }
}

/** Evaluate `f` with the call's arguments bound to the function's parameter names. */
export function withParams<T>(callNode: KNode, fnSymbol: KNode, argNodes: KNode[], scope: Scope, ctx: BuildContext, f: () => T): T {
  const sig = fnSymbol.Signatures.getItem(0);
  const bindings = new Map<string, import('./context.ts').Binding>();
  const params = sig.Parameters;
  // arguments by position, then by name (f(c=7, a=12))
  const named = new Map<string, KNode>();
  const positional: KNode[] = [];
  for (const a of argNodes) {
    if (kindOf(a) === 'SimpleNamedExpression') named.set(nameText(a.Name), a.Expression);
    else positional.push(a);
  }
  for (let i = 0; i < params.Count; i++) {
    const p = params.getItem(i);
    const pname = String(p.Name);
    const a = named.get(pname) ?? positional[i];
    if (a) {
      bindings.set(pname, isTabular(a) ? { kind: 'table', plan: tabular(a, ctx) } : { kind: 'scalar', expr: expr(a, scope, ctx) });
    } else if (p.DefaultValue) {
      bindings.set(pname, { kind: 'scalar', expr: expr(p.DefaultValue, scope, ctx) });
    } else if (p.IsOptional) {
      const pt = ktypeOfName(String(p.Type?.Name ?? 'string')) ?? 'string';
      bindings.set(pname, { kind: 'scalar', expr: lit(pt, pt === 'string' ? '' : null) });
    }
  }
  ctx.params.push(bindings);
  try { return f(); } finally { ctx.params.pop(); }
}

/** `let` statements inside a function body expansion. */
export function bindBodyLets(body: KNode, scope: Scope, ctx: BuildContext): void {
  const stmts = body.Statements ? items(body.Statements) : [];
  for (const s of stmts) {
    if (kindOf(s) !== 'LetStatement') continue;
    bindLet(s, scope, ctx);
  }
}

/** Bind one let statement's symbol. */
export function bindLet(s: KNode, scope: Scope, ctx: BuildContext): void {
  const sym = s.Name.ReferencedSymbol;
  const e = s.Expression;
  const k = kindOf(e);
  if (k === 'FunctionDeclaration') return; // user functions are expanded at their call sites
  if (isTabular(e)) {
    const isMat = kindOf(e) === 'FunctionCallExpression' && nameText(e.Name).toLowerCase() === 'materialize';
    const plan = tabular(e, ctx);
    ctx.symbols.set(sym, { kind: 'table', plan: isMat ? plan : ctx.cte(plan, false) });
    return;
  }
  ctx.symbols.set(sym, { kind: 'scalar', expr: expr(e, scope, ctx) });
}
