/// <reference lib="dom" />
/**
 * Untrusted output (HTML, SVG, unknown text types) in an iframe with `sandbox="allow-scripts"` and
 * no `allow-same-origin`: its scripts run in an opaque origin, so nothing in it can touch the app.
 * The document (sandbox.ts) reports its height; only that frame's well-formed messages resize it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { sandboxDocument, sizeFromMessage } from './sandbox.ts';

let next = 0;

export function SandboxFrame({ mime, content }: { mime: string; content: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const id = useMemo(() => `o${++next}-${Math.random().toString(36).slice(2)}`, []);
  const [height, setHeight] = useState(40);
  const srcDoc = useMemo(() => sandboxDocument(mime, content, id), [mime, content, id]);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const h = sizeFromMessage(e, ref.current?.contentWindow, id);
      if (h !== undefined) setHeight(h);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [id]);
  return (
    <iframe ref={ref} className="html-output" data-testid="html-output" title={`output (${mime})`}
      sandbox="allow-scripts" referrerPolicy="no-referrer" srcDoc={srcDoc} style={{ height, width: '100%', border: 0 }} />
  );
}
