/// <reference lib="dom" />
/**
 * Untrusted output (HTML, SVG, unknown text types) in an iframe with `sandbox="allow-scripts"` and
 * no `allow-same-origin`: its scripts run in an opaque origin, so nothing in it can touch the app.
 * The document (sandbox.ts) reports its height; only that frame's well-formed messages resize it.
 * Until then (or when the app's CSP, which srcdoc inherits, blocks that script) its height is an
 * estimate from the content, and the frame can be resized by hand.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { estimatedHeight, sandboxDocument, sizeFromMessage } from './sandbox.ts';

let next = 0;

export function SandboxFrame({ mime, content }: { mime: string; content: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const id = useMemo(() => `o${++next}-${Math.random().toString(36).slice(2)}`, []);
  const [height, setHeight] = useState(() => estimatedHeight(mime, content));
  const srcDoc = useMemo(() => sandboxDocument(mime, content, id), [mime, content, id]);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const h = sizeFromMessage(e, ref.current?.contentWindow, id);
      if (h !== undefined) setHeight(h);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [id]);
  // the wrapper can be resized by hand (when the app's CSP keeps the reporter script from running)
  return (
    <div className="html-output-frame" style={{ height }}>
      <iframe ref={ref} className="html-output" data-testid="html-output" title={`output (${mime})`}
        sandbox="allow-scripts" referrerPolicy="no-referrer" srcDoc={srcDoc} style={{ height: '100%', width: '100%', border: 0 }} />
    </div>
  );
}
