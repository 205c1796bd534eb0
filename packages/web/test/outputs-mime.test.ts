/** Which view shows an output (MIME priority), merged streams, the sandbox document and its message check, markdown. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { outputView, dataResource, KQL_RESULT, VEGALITE, DATARESOURCE } from '../src/outputs/mime.ts';
import { mergeStreams, terminalText } from '../src/outputs/streams.ts';
import { sandboxDocument, sizeFromMessage, SIZE_MESSAGE, MAX_FRAME_HEIGHT } from '../src/outputs/sandbox.ts';
import { renderMarkdown } from '../src/outputs/markdown.ts';

const kql = { columns: [{ name: 'n', type: 'long' }], rows: [[1], [2]], render: null, rowCount: 2, truncated: false };
const display = (data: Record<string, unknown>) => ({ output_type: 'display_data', data, metadata: {} });

test('the typed KQL result wins, with its chart when a Vega-Lite spec is beside it', () => {
  const all = display({ [KQL_RESULT]: kql, [VEGALITE]: { mark: 'bar' }, [DATARESOURCE]: {}, 'text/html': '<table>', 'text/plain': 'n' });
  assert.deepEqual(outputView(all), { kind: 'grid', result: kql, chart: { mark: 'bar' } });
  const noChart = outputView({ output_type: 'execute_result', execution_count: 1, data: { [KQL_RESULT]: kql, 'text/plain': 'n' }, metadata: {} });
  assert.equal(noChart.kind, 'grid');
  assert.equal('chart' in noChart, false);
});

test('then Vega-Lite, dataresource, markdown, images, sandboxed HTML and SVG, other text types, text/plain', () => {
  assert.deepEqual(outputView(display({ [VEGALITE]: { mark: 'line' }, 'text/plain': 'chart' })), { kind: 'chart', spec: { mark: 'line' } });
  const dr = outputView(display({ [DATARESOURCE]: { schema: { fields: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'any' }] }, data: [{ a: 1, b: { x: 1 } }, { a: 2 }] }, 'text/html': '<b>' }));
  assert.deepEqual(dr, { kind: 'grid', result: { columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'dynamic' }], rows: [[1, { x: 1 }], [2, null]], rowCount: 2, truncated: false } });
  assert.deepEqual(outputView(display({ 'text/markdown': ['# T', 'itle'], 'text/html': '<h1>' })), { kind: 'markdown', text: '# Title' });
  assert.deepEqual(outputView(display({ 'image/png': 'iVBORw0K\nGgo=', 'text/plain': '<Figure>' })), { kind: 'image', mime: 'image/png', base64: 'iVBORw0KGgo=', alt: '<Figure>' });
  assert.deepEqual(outputView(display({ 'text/html': '<script>x</script>', 'text/plain': 'x' })), { kind: 'iframe', mime: 'text/html', html: '<script>x</script>' });
  assert.deepEqual(outputView(display({ 'image/svg+xml': '<svg onload="x()"/>' })), { kind: 'iframe', mime: 'image/svg+xml', html: '<svg onload="x()"/>' });
  assert.deepEqual(outputView(display({ 'text/latex': '$x$', 'text/plain': 'x' })), { kind: 'iframe', mime: 'text/latex', html: '$x$' });
  assert.deepEqual(outputView(display({ 'text/plain': ['a', 'b'] })), { kind: 'text', text: 'ab' });
  assert.equal(outputView(display({ 'application/x-unknown': { a: 1 } })).kind, 'unknown');
});

test('malformed rich data falls through to the next type instead of breaking', () => {
  assert.equal(outputView(display({ [KQL_RESULT]: { columns: 'nope' }, 'text/plain': 'fallback' })).kind, 'text');
  assert.equal(outputView(display({ [VEGALITE]: 'not json', 'text/plain': 'fallback' })).kind, 'text');
  assert.equal(outputView(display({ 'image/png': '"><script>', 'text/plain': 'fallback' })).kind, 'text');
  assert.equal(outputView(display({ [KQL_RESULT]: JSON.stringify(kql) })).kind, 'grid', 'JSON as text (older writers) is read');
  assert.equal(dataResource({ schema: {}, data: [] }), undefined);
  assert.equal(outputView(null).kind, 'unknown');
  assert.equal(outputView({ output_type: 'weird' }).kind, 'unknown');
});

test('streams and errors', () => {
  assert.deepEqual(outputView({ output_type: 'stream', name: 'stderr', text: ['a', 'b'] }), { kind: 'stream', name: 'stderr', text: 'ab' });
  assert.deepEqual(outputView({ output_type: 'error', ename: 'KqlError', evalue: 'bad', traceback: ['\u001b[31mKqlError\u001b[0m', 'line 2'] }),
    { kind: 'error', ename: 'KqlError', evalue: 'bad', traceback: '\u001b[31mKqlError\u001b[0m\nline 2' });
});

test('consecutive streams of one name merge; carriage returns and backspaces act as on a terminal', () => {
  const merged = mergeStreams([
    { output_type: 'stream', name: 'stdout', text: 'progress 10%' },
    { output_type: 'stream', name: 'stdout', text: ['\rprogress 100%\n', 'done\n'] },
    { output_type: 'stream', name: 'stderr', text: 'warn\n' },
    { output_type: 'stream', name: 'stdout', text: 'after\n' },
    display({ 'text/plain': 'x' }),
    { output_type: 'stream', name: 'stdout', text: 'ab\bc' },
  ]);
  assert.deepEqual(merged.map((o) => (o as { text?: string }).text ?? 'display'), ['progress 100%\ndone\n', 'warn\n', 'after\n', 'display', 'ac']);
  assert.equal(terminalText('abcdef\rXY'), 'XYcdef');
  assert.equal(terminalText('line1\r\nline2'), 'line1\nline2');
});

test('the sandbox document: a strict CSP first, the content, and a size reporter that cannot be broken out of', () => {
  const doc = sandboxDocument('text/html', '<p>hi</p>', 'id-</script><script>alert(1)//');
  assert.match(doc, /^<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'/);
  assert.ok(doc.indexOf('Content-Security-Policy') < doc.indexOf('<p>hi</p>'));
  assert.ok(!doc.includes('id-</script>'), 'the id cannot close the reporter script');
  assert.ok(doc.includes('id-\\u003c/script>'));
  const text = sandboxDocument('text/latex', '<b>$x$</b>', 'i');
  assert.ok(text.includes('<pre>&lt;b&gt;$x$&lt;/b&gt;</pre>'), 'non-HTML text is escaped');
});

test('only well-formed size messages from the frame itself, in an opaque origin, resize it', () => {
  const frame = {};
  const ok = { source: frame, origin: 'null', data: { type: SIZE_MESSAGE, id: 'a', height: 120.2 } };
  assert.equal(sizeFromMessage(ok, frame, 'a'), 121);
  assert.equal(sizeFromMessage({ ...ok, source: {} }, frame, 'a'), undefined, 'another window');
  assert.equal(sizeFromMessage({ ...ok, origin: 'http://localhost:8080' }, frame, 'a'), undefined, 'a same-origin sender is not our sandbox');
  assert.equal(sizeFromMessage(ok, frame, 'b'), undefined, 'another frame id');
  assert.equal(sizeFromMessage({ ...ok, data: { ...ok.data, extra: 1 } }, frame, 'a'), undefined);
  assert.equal(sizeFromMessage({ ...ok, data: { ...ok.data, height: '100' } }, frame, 'a'), undefined);
  assert.equal(sizeFromMessage({ ...ok, data: { ...ok.data, height: Number.POSITIVE_INFINITY } }, frame, 'a'), undefined);
  assert.equal(sizeFromMessage({ ...ok, data: { ...ok.data, height: 1e9 } }, frame, 'a'), MAX_FRAME_HEIGHT);
  assert.equal(sizeFromMessage({ ...ok, data: { ...ok.data, height: -5 } }, frame, 'a'), 0);
  assert.equal(sizeFromMessage({ ...ok, data: 'x' }, frame, 'a'), undefined);
  assert.equal(sizeFromMessage(ok, null, 'a'), undefined, 'no frame (unmounted)');
});

test('markdown: raw HTML is escaped, dangerous links are not links, links open apart', () => {
  const html = renderMarkdown('# Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](https://example.com)');
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&lt;script&gt;'));
  assert.ok(!/href="javascript:/i.test(html));
  assert.match(html, /<a href="https:\/\/example.com" target="_blank" rel="noopener noreferrer">y<\/a>/);
});

test('the frame starts at a height estimated from its content, within bounds', async () => {
  const { estimatedHeight } = await import('../src/outputs/sandbox.ts');
  assert.equal(estimatedHeight('text/html', '<b>x</b>'), 48);
  assert.equal(estimatedHeight('text/html', `<table>${'<tr><td>x</td></tr>'.repeat(10)}</table>`), 11 * 24 + 16);
  assert.equal(estimatedHeight('text/html', '<p>x</p>'.repeat(1000)), 600);
  assert.equal(estimatedHeight('image/svg+xml', '<svg width="300" height="200.5"></svg>'), 209);
  assert.equal(estimatedHeight('text/latex', 'a\nb\nc'), 3 * 24 + 16);
});
