/**
 * Cursor positions: Jupyter counts unicode code points (protocol 5.2+), JavaScript strings
 * count UTF-16 units. Conversions both ways, clamped to the text.
 */

/** code point offset -> UTF-16 index */
export function toUtf16(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** UTF-16 index -> code point offset */
export function toCodePoints(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < Math.min(utf16, text.length); n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return n;
}
