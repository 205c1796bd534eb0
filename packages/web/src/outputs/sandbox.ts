/**
 * The sandboxed iframe's document for untrusted output (HTML, SVG, unknown types). The frame has
 * `sandbox="allow-scripts"` without `allow-same-origin`, so its scripts run in an opaque origin and
 * can reach neither the app's DOM, cookies, storage nor its token. Its Content-Security-Policy lets
 * inline scripts and styles run but loads nothing from the network (data: and blob: images only),
 * so output cannot call home either. A srcdoc document also inherits the app's own policy (both
 * apply): under huntbook serve's `script-src 'self'` no inline script runs in the frame at all,
 * which is safer still, and the height falls back to `estimatedHeight`. A tiny script inside reports the document's height to the
 * parent; the parent accepts only messages from that frame's window with the exact shape
 * (`isSizeMessage`) and clamps the height.
 */

export const SIZE_MESSAGE = 'huntbook:output-size';
export const MAX_FRAME_HEIGHT = 4000;

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; media-src data: blob:";

/** A JSON value safe inside a <script> element (no `</script>`, no `<!--`, no line separators). */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The reporter: posts {type, id, height} whenever the document's size changes. */
function sizeScript(id: string): string {
  return `(function(){var id=${scriptJson(id)};var last=-1;function send(){var h=Math.ceil(Math.max(document.documentElement.scrollHeight,document.body?document.body.scrollHeight:0));if(h!==last){last=h;parent.postMessage({type:${scriptJson(SIZE_MESSAGE)},id:id,height:h},'*');}}` +
    `window.addEventListener('load',send);if(window.ResizeObserver){new ResizeObserver(send).observe(document.documentElement);}send();})();`;
}

/** The iframe's srcdoc for a piece of output: HTML as-is, SVG inline, other text escaped in a <pre>. */
export function sandboxDocument(mime: string, content: string, id: string): string {
  const body = mime === 'text/html' || mime === 'image/svg+xml' ? content : `<pre>${escapeHtml(content)}</pre>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    `<style>html,body{margin:0;padding:0;font:13px system-ui,sans-serif;color:#1f2328;background:transparent}body{padding:2px 0;overflow-x:auto}</style></head>` +
    `<body>${body}<script>${sizeScript(id)}</script></body></html>`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * The height a size message asks for, or undefined when the message is not one: the event must
 * come from `frame` (the iframe's own window), from an opaque origin ('null', as a sandbox without
 * allow-same-origin has), and be exactly {type, id, height} with this frame's id and a finite
 * height, which is clamped to 0..MAX_FRAME_HEIGHT.
 */
export function sizeFromMessage(event: { source: unknown; origin: string; data: unknown }, frame: unknown, id: string): number | undefined {
  if (frame == null || event.source !== frame || event.origin !== 'null') return undefined;
  const d = event.data;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return undefined;
  const keys = Object.keys(d).sort().join(',');
  if (keys !== 'height,id,type') return undefined;
  const m = d as { type: unknown; id: unknown; height: unknown };
  if (m.type !== SIZE_MESSAGE || m.id !== id || typeof m.height !== 'number' || !Number.isFinite(m.height)) return undefined;
  return Math.max(0, Math.min(MAX_FRAME_HEIGHT, Math.ceil(m.height)));
}

/**
 * A first height for the frame before (or without) its size message: the app's own
 * Content-Security-Policy is inherited by srcdoc documents, and where it forbids inline scripts the
 * reporter never runs. Counted from the content's lines and block elements, within 48..600 px;
 * the frame can be resized by hand beyond that.
 */
export function estimatedHeight(mime: string, content: string): number {
  if (mime === 'image/svg+xml') {
    const h = /<svg[^>]*\sheight="(\d+(?:\.\d+)?)(px)?"/i.exec(content);
    if (h) return Math.max(48, Math.min(600, Math.ceil(Number(h[1])) + 8));
  }
  const blocks = (content.match(/<(tr|p|li|div|h[1-6]|br|pre|table|section|hr)\b/gi) ?? []).length;
  const lines = content.split('\n').length;
  return Math.max(48, Math.min(600, Math.max(blocks, mime === 'text/html' ? 1 : lines) * 24 + 16));
}
