/**
 * Stream outputs as a terminal shows them: consecutive stdout (or stderr) chunks merged into one
 * output, a carriage return going back to the start of its line (progress bars), a backspace
 * erasing the character before it. nbformat's multiline strings (arrays of lines) are joined.
 */

/** nbformat's "multiline string": a string or a list of strings to concatenate. */
export function joinText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : '')).join('');
  return '';
}

/** Apply carriage returns and backspaces the way a terminal would. */
export function terminalText(text: string): string {
  if (!/[\r\b]/.test(text)) return text;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  return lines.map((line) => {
    let cur: string[] = [];
    let col = 0;
    for (const ch of line) {
      if (ch === '\r') col = 0;
      else if (ch === '\b') col = Math.max(0, col - 1);
      else { cur[col] = ch; col++; }
    }
    // a carriage return followed by a shorter line leaves the old line's tail, as terminals do
    cur = Array.from(cur, (c) => c ?? ' ');
    return cur.join('');
  }).join('\n');
}

interface StreamLike { output_type: 'stream'; name: string; text: unknown }

function isStream(o: unknown): o is StreamLike {
  return typeof o === 'object' && o !== null && (o as { output_type?: unknown }).output_type === 'stream';
}

/** The outputs with consecutive streams of the same name merged (text joined, terminal-applied). */
export function mergeStreams(outputs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const o of outputs) {
    const prev = out[out.length - 1];
    if (isStream(o) && isStream(prev) && prev.name === o.name) {
      out[out.length - 1] = { output_type: 'stream', name: o.name, text: joinText(prev.text) + joinText(o.text) };
    } else if (isStream(o)) {
      out.push({ output_type: 'stream', name: o.name, text: joinText(o.text) });
    } else out.push(o);
  }
  return out.map((o) => (isStream(o) ? { ...o, text: terminalText(o.text as string) } : o));
}
