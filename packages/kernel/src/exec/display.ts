/**
 * The display API that cells see as the global `display`:
 *   display(value, { id? })  -> a handle { id, update(value) } (update_display_data)
 *   display.html / markdown / vegalite / json / clear(wait?) / progress(label, total?)
 * Every display carries a display_id (transient), so any of them can be updated in place.
 * A handle is not a cell's result: a cell ending in `display(x)` shows x once.
 */
import { randomUUID } from 'node:crypto';
import type { DisplayBundle } from '../types.ts';
import { bundleOf, inspectValue } from './output.ts';

const HANDLE = Symbol('huntbook.displayHandle');

/** Whether a value is a handle returned by display (not shown as a cell's result). */
export function isDisplayHandle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && HANDLE in value;
}

function markHandle<T extends object>(handle: T): T {
  Object.defineProperty(handle, HANDLE, { value: true, enumerable: false });
  return handle;
}

export interface DisplaySink {
  display(bundle: DisplayBundle, update: boolean): void;
  clear(wait: boolean): void;
}

export interface DisplayHandle {
  readonly id: string;
  update(value: unknown): void;
}

export interface ProgressHandle {
  readonly id: string;
  update(n: number, text?: string): void;
  done(text?: string): void;
}

export interface DisplayFunction {
  (value: unknown, options?: { id?: string }): DisplayHandle;
  html(html: string, options?: { id?: string }): DisplayHandle;
  markdown(markdown: string, options?: { id?: string }): DisplayHandle;
  vegalite(spec: Record<string, unknown>, options?: { id?: string }): DisplayHandle;
  json(value: unknown, options?: { id?: string }): DisplayHandle;
  clear(wait?: boolean): void;
  progress(label: string, total?: number): ProgressHandle;
}

/** Bundles of the typed displays (the `text/plain` fallbacks say what the rich view is). */
export const bundles = {
  html: (html: string): DisplayBundle => ({ data: { 'text/html': String(html), 'text/plain': '<HTML>' } }),
  markdown: (md: string): DisplayBundle => ({ data: { 'text/markdown': String(md), 'text/plain': String(md) } }),
  vegalite: (spec: Record<string, unknown>): DisplayBundle => ({
    data: {
      'application/vnd.vegalite.v5+json': spec,
      'text/plain': `<Vega-Lite chart${typeof spec.title === 'string' ? `: ${spec.title}` : ''}>`,
    },
  }),
  json: (value: unknown): DisplayBundle => ({ data: { 'application/json': toJson(value), 'text/plain': inspectValue(value) } }),
};

function toJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`display.json: ${inspectValue(value)} has no JSON form`);
  return JSON.parse(text);
}

export function createDisplay(sink: DisplaySink): DisplayFunction {
  const show = (bundle: DisplayBundle, id: string | undefined, makeBundle: (v: unknown) => DisplayBundle): DisplayHandle => {
    const displayId = id ?? randomUUID();
    sink.display({ ...bundle, transient: { display_id: displayId } }, false);
    return markHandle({
      id: displayId,
      update(value: unknown) {
        sink.display({ ...makeBundle(value), transient: { display_id: displayId } }, true);
      },
    });
  };
  const display = ((value: unknown, options?: { id?: string }) => show(bundleOf(value), options?.id, bundleOf)) as DisplayFunction;
  display.html = (html, options) => show(bundles.html(html), options?.id, (v) => bundles.html(String(v)));
  display.markdown = (md, options) => show(bundles.markdown(md), options?.id, (v) => bundles.markdown(String(v)));
  display.vegalite = (spec, options) => show(bundles.vegalite(spec), options?.id, (v) => bundles.vegalite(v as Record<string, unknown>));
  display.json = (value, options) => show(bundles.json(value), options?.id, bundles.json);
  display.clear = (wait = false) => sink.clear(Boolean(wait));
  display.progress = (label, total) => createProgress(sink, String(label), total);
  return display;
}

/** One display of a progress bar, then update_display_data with the same display_id. */
function createProgress(sink: DisplaySink, label: string, total: number | undefined): ProgressHandle {
  const id = randomUUID();
  const render = (n: number, text: string | undefined, finished: boolean): DisplayBundle => {
    const known = total !== undefined && total > 0;
    const pct = known ? Math.min(100, Math.round((n / total) * 100)) : undefined;
    const count = known ? `${n}/${total} (${pct}%)` : `${n}`;
    const plain = `${label}: ${count}${finished ? ' done' : ''}${text ? ` ${text}` : ''}`;
    const bar = known ? `<progress value="${n}" max="${total}"></progress>` : finished ? '' : '<progress></progress>';
    const html = `<div><span>${escapeHtml(label)}</span> ${bar} <span>${escapeHtml(count)}${finished ? ' done' : ''}${text ? ` ${escapeHtml(text)}` : ''}</span></div>`;
    return { data: { 'text/plain': plain, 'text/html': html }, transient: { display_id: id } };
  };
  let current = 0;
  sink.display(render(0, undefined, false), false);
  return markHandle({
    id,
    update(n: number, text?: string) {
      current = n;
      sink.display(render(n, text, false), true);
    },
    done(text?: string) {
      sink.display(render(total ?? current, text, true), true);
    },
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
