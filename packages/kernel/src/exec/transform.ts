/**
 * Turns a TypeScript cell into a script that runs in the kernel's persistent global scope.
 *
 * 1. Types are stripped with sucrase, which keeps every statement on its line (esbuild does not),
 *    and keeps imports a cell does not use itself (a later cell may).
 * 2. The JavaScript is parsed with acorn and rewritten by text edits that never add or remove a
 *    line break, so an error's stack cites the cell's own lines:
 *    - top-level `const/let/var` (destructuring too) become assignments to globals, so a later
 *      cell sees them and re-running a cell that declares `const x` works;
 *    - `class C {}` becomes `C = class C {};`, a top-level `function f` is also stored as a global
 *      when the cell starts (it stays hoisted within the cell);
 *    - `import ... from 'pkg'` becomes `await <importer>('pkg')` assigned to the imported names,
 *      `import(x)` and `import.meta` go to the kernel's importer (a script has no module loader);
 *    - the value of a last expression statement is returned.
 * 3. The whole is wrapped in `(async () => { ... })()` on the same first line, so top-level
 *    `await` works. Every declared name is created on globalThis beforehand, so the assignments
 *    work in strict code too.
 */
import { parse, type Node } from 'acorn';
import { transform as sucrase } from 'sucrase';

/** Name of the kernel's internal object on globalThis (importer, %kql bridge). */
export const INTERNAL = '__huntbook';

export interface CompiledCell {
  /** the script to run: evaluates to a Promise of the cell's result */
  script: string;
  /** names the cell declares at top level (created on globalThis before it runs) */
  declared: string[];
  /** whether the last statement is an expression whose value is the cell's result */
  hasResult: boolean;
  /** for vm.Script: the wrapper's head precedes the cell's first line */
  columnOffset: number;
}

/** A syntax error with the cell's line and column (1-based line, 0-based column). */
export class CellSyntaxError extends SyntaxError {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

interface Edit { start: number; end: number; text: string }

type AnyNode = Node & Record<string, any>;

/** Strips types, keeping lines; throws CellSyntaxError. */
export function stripTypes(code: string): string {
  try {
    return sucrase(code, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = err.message.replace(/^Error transforming [^:]*: /, '');
    throw new CellSyntaxError(message, err.loc?.line ?? 1, err.loc?.column ?? 0);
  }
}

/** Compiles a cell's TypeScript into a script for the persistent global scope. */
export function compileCell(code: string): CompiledCell {
  const js = stripTypes(code);
  let program: AnyNode;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true }) as AnyNode;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(err.message, err.loc?.line ?? 1, err.loc?.column ?? 0);
  }
  const edits: Edit[] = [];
  const declared = new Set<string>();
  const hoisted: string[] = [];
  const body = program.body as AnyNode[];

  for (const stmt of body) {
    let node = stmt;
    if (node.type === 'ExportNamedDeclaration' && node.declaration) {
      edits.push({ start: node.start, end: node.declaration.start, text: '' });
      node = node.declaration;
    } else if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw syntaxAt(js, node.start, 'export is not supported in a cell (declare the name instead)');
    }
    switch (node.type) {
      case 'VariableDeclaration':
        rewriteVariables(js, node, edits, declared);
        break;
      case 'FunctionDeclaration':
        declared.add(node.id.name);
        hoisted.push(node.id.name);
        break;
      case 'ClassDeclaration':
        declared.add(node.id.name);
        edits.push({ start: node.start, end: node.start, text: `;${node.id.name} = ` });
        edits.push({ start: node.end, end: node.end, text: ';' });
        break;
      case 'ImportDeclaration':
        rewriteImport(js, node, edits, declared);
        break;
    }
  }
  rewriteImportExpressions(program, edits);

  const last = body[body.length - 1];
  const hasResult = last?.type === 'ExpressionStatement';
  if (hasResult) {
    // from the statement's start: the expression node starts inside its parentheses, if any
    let end = last.end;
    while (end > last.expression.end && /[;\s]/.test(js[end - 1])) end--;
    edits.push({ start: last.start, end: last.start, text: 'return (' });
    edits.push({ start: end, end, text: ')' });
  }

  const prologue = hoisted.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join(' ');
  const head = `(async () => {${prologue} `;
  const script = `${head}${applyEdits(js, edits)}\n})()`;
  return { script, declared: [...declared], hasResult, columnOffset: -head.length };
}

function rewriteVariables(js: string, node: AnyNode, edits: Edit[], declared: Set<string>): void {
  const decls = node.declarations as AnyNode[];
  // `const ` -> `;` (the statement becomes an expression; ';' guards against ASI joins)
  edits.push({ start: node.start, end: decls[0].start, text: ';' });
  for (const d of decls) {
    for (const name of patternNames(d.id)) declared.add(name);
    const isObjectPattern = d.id.type === 'ObjectPattern';
    if (isObjectPattern) edits.push({ start: d.start, end: d.start, text: '(' });
    if (!d.init) {
      const keep = node.kind === 'var' && d.id.type === 'Identifier';
      const value = keep ? `globalThis[${JSON.stringify(d.id.name)}]` : 'undefined';
      edits.push({ start: d.id.end, end: d.id.end, text: ` = ${value}` });
    }
    if (isObjectPattern) edits.push({ start: d.end, end: d.end, text: ')' });
  }
}

function rewriteImport(js: string, node: AnyNode, edits: Edit[], declared: Set<string>): void {
  const source = JSON.stringify(node.source.value);
  const attributes = (node.attributes as AnyNode[] | undefined) ?? [];
  const options = attributes.length > 0
    ? `, { with: { ${attributes.map((a) => `${JSON.stringify(a.key.name ?? a.key.value)}: ${JSON.stringify(a.value.value)}`).join(', ')} } }`
    : '';
  const call = `await ${INTERNAL}.import(${source}${options})`;
  const specifiers = node.specifiers as AnyNode[];
  let text: string;
  if (specifiers.length === 0) {
    text = `;${call};`;
  } else {
    const assigns = specifiers.map((s) => {
      const local = s.local.name as string;
      declared.add(local);
      if (s.type === 'ImportDefaultSpecifier') return `${local} = ${INTERNAL}_m.default;`;
      if (s.type === 'ImportNamespaceSpecifier') return `${local} = ${INTERNAL}_m;`;
      const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
      return `${local} = ${INTERNAL}_m[${JSON.stringify(imported)}];`;
    });
    text = `;{ const ${INTERNAL}_m = ${call}; ${assigns.join(' ')} }`;
  }
  const lines = js.slice(node.start, node.end).split('\n').length - 1;
  edits.push({ start: node.start, end: node.end, text: text + '\n'.repeat(lines) });
}

/** `import(x)` -> the kernel's importer; `import.meta` -> the kernel's meta object. */
function rewriteImportExpressions(program: AnyNode, edits: Edit[]): void {
  walk(program, (n) => {
    if (n.type === 'ImportExpression') {
      edits.push({ start: n.start, end: n.start + 'import'.length, text: `${INTERNAL}.import` });
    } else if (n.type === 'MetaProperty' && n.meta.name === 'import') {
      edits.push({ start: n.start, end: n.end, text: `${INTERNAL}.meta` });
    }
  });
}

function walk(node: AnyNode, visit: (n: AnyNode) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c.type === 'string') walk(c, visit);
    } else if (child && typeof child === 'object' && typeof child.type === 'string') {
      walk(child, visit);
    }
  }
}

/** The names bound by a binding pattern. */
export function patternNames(p: AnyNode): string[] {
  switch (p.type) {
    case 'Identifier': return [p.name];
    case 'ObjectPattern': return (p.properties as AnyNode[]).flatMap((q) => patternNames(q.type === 'RestElement' ? q.argument : q.value));
    case 'ArrayPattern': return (p.elements as (AnyNode | null)[]).flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement': return patternNames(p.argument);
    case 'AssignmentPattern': return patternNames(p.left);
    default: return [];
  }
}

function applyEdits(js: string, edits: Edit[]): string {
  // at one position, insertions come before a replacement (`return (` before `import(` ...)
  const isInsert = (e: Edit) => (e.start === e.end ? 0 : 1);
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || isInsert(a) - isInsert(b) || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += js.slice(pos, e.start) + e.text;
    pos = Math.max(pos, e.end);
  }
  return out + js.slice(pos);
}

function syntaxAt(js: string, offset: number, message: string): CellSyntaxError {
  const before = js.slice(0, offset).split('\n');
  return new CellSyntaxError(message, before.length, before[before.length - 1].length);
}
