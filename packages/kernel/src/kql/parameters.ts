/**
 * Kernel values as query parameters, the way Kqlmagic does it: in a statement
 * `let x = someVar;` whose right side is a single name that is not bound by an earlier `let` of
 * the query and is a kernel variable, the name is replaced by the variable's value rendered as a
 * KQL literal (literals.ts). Names inside string literals and comments are never touched (scan.ts),
 * and a name the kernel does not know, or whose value is a function (a class such as Node's global
 * `Event` is not data), is left to KQL: it may be a table or a function of the workspace.
 *
 * The replacements are kept as splices, so positions in the query sent to the server (a
 * diagnostic's start) can be mapped back to the text the user wrote.
 */
import type { KernelHost } from '../types.ts';
import { kqlLiteral } from './literals.ts';
import { scan, significant, type Token } from './scan.ts';

export interface Splice {
  /** offset in the original text */
  at: number;
  removed: number;
  inserted: number;
}

export interface BoundQuery {
  /** the query to send */
  text: string;
  splices: Splice[];
  /** the kernel variables used, in order */
  parameters: string[];
}

/** A `let` statement's name when `tokens[i]` starts one: an identifier or ['name']; and the index after it. */
function letName(tokens: Token[], i: number): { name: string; next: number } | undefined {
  const t = tokens[i];
  if (t?.kind === 'ident') return { name: t.text, next: i + 1 };
  if (t?.text === '[' && tokens[i + 1]?.kind === 'string' && tokens[i + 2]?.text === ']') {
    return { name: tokens[i + 1]!.text.slice(1, -1), next: i + 3 };
  }
  return undefined;
}

export function bindParameters(query: string, lookup: KernelHost['lookup']): BoundQuery {
  const tokens = significant(scan(query));
  const bound = new Set<string>();
  const edits: { token: Token; literal: string }[] = [];
  const parameters: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'ident' || t.text !== 'let') continue;
    const prev = tokens[i - 1];
    if (prev && prev.text !== ';' && prev.text !== '{') continue;
    const decl = letName(tokens, i + 1);
    if (!decl || tokens[decl.next]?.text !== '=') continue;
    const rhs = tokens[decl.next + 1];
    const end = tokens[decl.next + 2];
    if (rhs?.kind === 'ident' && end?.text === ';' && !bound.has(rhs.text)) {
      const found = lookup(rhs.text);
      if (found.found && typeof found.value !== 'function') {
        edits.push({ token: rhs, literal: kqlLiteral(found.value, rhs.text) });
        parameters.push(rhs.text);
      }
    }
    bound.add(decl.name);
  }
  let text = '';
  let from = 0;
  const splices: Splice[] = [];
  for (const { token, literal } of edits) {
    text += query.slice(from, token.start) + literal;
    splices.push({ at: token.start, removed: token.end - token.start, inserted: literal.length });
    from = token.end;
  }
  text += query.slice(from);
  return { text, splices, parameters };
}

/** An offset in the sent text as an offset in the original (inside a literal: the replaced name's start). */
export function originalOffset(offset: number, splices: readonly Splice[]): number {
  let shift = 0;
  for (const s of splices) {
    const sentAt = s.at + shift;
    if (offset < sentAt) break;
    if (offset < sentAt + s.inserted) return s.at;
    shift += s.inserted - s.removed;
  }
  return offset - shift;
}
