/**
 * ANSI escape sequences in stream text and tracebacks: `ansiSegments` reads SGR colour and style
 * codes (30-37, 90-97, 40-47, 100-107, 38/48;5;n, 38/48;2;r;g;b, bold, italic, underline, resets)
 * into styled text segments the app renders as spans (never as HTML); every other escape
 * sequence (cursor moves, OSC titles and links) is dropped. `stripAnsi` keeps only the text.
 */

export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: Readonly<AnsiStyle>;
}

/** CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes. */
const ESCAPE = /\u001b\[([0-?]*)[ -/]*([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, '');
}

/** The 16 colours (xterm's defaults, readable on white and dark backgrounds alike). */
const BASIC = ['#000000', '#cd3131', '#0dbc79', '#c4a000', '#2472c8', '#bc3fbc', '#11a8cd', '#a0a0a0',
  '#666666', '#f14c4c', '#23d18b', '#d7ba00', '#3b8eea', '#d670d6', '#29b8db', '#e5e5e5'];

function hex(n: number): string {
  return Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0');
}

/** xterm's 256-colour palette entry n as #rrggbb. */
export function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return BASIC[n];
  if (n >= 232) {
    const g = 8 + (n - 232) * 10;
    return `#${hex(g)}${hex(g)}${hex(g)}`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}

/** Apply one SGR parameter list to a style. */
function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  const s = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) { delete s.fg; delete s.bg; delete s.bold; delete s.italic; delete s.underline; }
    else if (p === 1) s.bold = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 22) delete s.bold;
    else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p >= 30 && p <= 37) s.fg = BASIC[p - 30];
    else if (p >= 90 && p <= 97) s.fg = BASIC[p - 90 + 8];
    else if (p >= 40 && p <= 47) s.bg = BASIC[p - 40];
    else if (p >= 100 && p <= 107) s.bg = BASIC[p - 100 + 8];
    else if (p === 39) delete s.fg;
    else if (p === 49) delete s.bg;
    else if (p === 38 || p === 48) {
      let c: string | undefined;
      if (params[i + 1] === 5) { c = color256(params[i + 2] ?? -1); i += 2; }
      else if (params[i + 1] === 2) { c = `#${hex(params[i + 2] ?? 0)}${hex(params[i + 3] ?? 0)}${hex(params[i + 4] ?? 0)}`; i += 4; }
      if (c) { if (p === 38) s.fg = c; else s.bg = c; }
    }
  }
  return s;
}

export function ansiSegments(text: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (t: string) => {
    if (t === '') return;
    const prev = out[out.length - 1];
    if (prev && sameStyle(prev.style, style)) out[out.length - 1] = { text: prev.text + t, style: prev.style };
    else out.push({ text: t, style });
  };
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === 'm') {
      const params = (m[1] ?? '').split(';').map((x) => (x === '' ? 0 : Number(x))).filter((x) => Number.isFinite(x));
      style = applySgr(style, params.length ? params : [0]);
    }
  }
  push(text.slice(last));
  return out;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.italic === b.italic && a.underline === b.underline;
}
