/** Text with ANSI colours (streams, tracebacks, text/plain) as styled spans: never as HTML. */
import { useMemo, type CSSProperties } from 'react';
import { ansiSegments } from './ansi.ts';

export function AnsiText({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  const segments = useMemo(() => ansiSegments(text), [text]);
  return (
    <pre className={className} data-testid={testId}>
      {segments.map((s, i) => {
        const st = s.style;
        if (!st.fg && !st.bg && !st.bold && !st.italic && !st.underline) return s.text;
        const css: CSSProperties = { color: st.fg, background: st.bg, fontWeight: st.bold ? 700 : undefined, fontStyle: st.italic ? 'italic' : undefined, textDecoration: st.underline ? 'underline' : undefined };
        return <span key={i} style={css}>{s.text}</span>;
      })}
    </pre>
  );
}
