/**
 * A small KQL lexer for the magics: it splits query text into identifiers, string literals,
 * comments, numbers and punctuation, so `let x = someVar;` statements are found without ever
 * looking inside a string literal or a comment. It knows KQL's literal forms: '…' and "…" with
 * backslash escapes, verbatim @'…' / @"…" (a doubled quote is a quote), obfuscated h'…' / H@"…",
 * multi-line ```…```, and `//` comments to the end of the line. It does not parse: it only
 * has to be right about where literals and comments start and end.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'comment' | 'space';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const SPACE = /\s/;

/** The tokens of `text`, covering it entirely (an unterminated literal runs to the end). */
export function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, start: i, end, text: text.slice(i, end) });
    i = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      let j = i + 1;
      while (j < text.length && SPACE.test(text[j]!)) j++;
      push('space', j);
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      push('comment', nl < 0 ? text.length : nl);
    } else if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      push('string', close < 0 ? text.length : close + 3);
    } else if (stringStart(text, i) !== undefined) {
      push('string', stringEnd(text, i, stringStart(text, i)!));
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      push('ident', j);
    } else if (/[0-9]/.test(c)) {
      // numbers and timespans (10, 1.5e3, 0x1F, 1h, 30s): digits then word characters and dots
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_.]/.test(text[j]!)) j++;
      push('number', j);
    } else {
      push('punct', i + 1);
    }
  }
  return tokens;
}

/** The offset of the opening quote when a string literal starts at i (after its prefixes h, @). */
function stringStart(text: string, i: number): number | undefined {
  let j = i;
  if ((text[j] === 'h' || text[j] === 'H') && /['"@]/.test(text[j + 1] ?? '')) j++;
  if (text[j] === '@' && /['"]/.test(text[j + 1] ?? '')) j++;
  // (scan() only calls this at a token start, so an identifier ending in h is never a prefix)
  return text[j] === "'" || text[j] === '"' ? j : undefined;
}

/** The end (exclusive) of the string literal whose opening quote is at q. */
function stringEnd(text: string, start: number, q: number): number {
  const quote = text[q]!;
  const verbatim = text[q - 1] === '@' && q - 1 >= start;
  let j = q + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (verbatim) {
      if (c === quote) {
        if (text[j + 1] === quote) { j += 2; continue; }
        return j + 1;
      }
    } else if (c === '\\') {
      j += 2;
      continue;
    } else if (c === quote) {
      return j + 1;
    } else if (c === '\n') {
      return j; // a regular literal cannot span lines: the parser will report it
    }
    j++;
  }
  return text.length;
}

/** The tokens that matter to syntax (no spaces, no comments). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}
