/**
 * Outputs live on the server: for each execute_request sent with metadata.cellId through a
 * notebook's session, every iopub output of that request is kept here and written into that
 * cell of the notebook (with its execution_count), whether or not a browser is still
 * connected. Streams merge as JupyterLab merges them (same name appends; \r rewrites the
 * line), clear_output (wait=true: at the next output) and update_display_data are applied.
 * Writes are batched: at most one per WRITE_EVERY_MS per cell, and one when the cell is idle.
 */
import type { NotebookFiles } from '../types.ts';
import type { JupyterMessage } from './wire.ts';

const WRITE_EVERY_MS = 300;

type Output = Record<string, unknown> & { output_type: string };

interface Recording {
  path: string;
  cellId: string;
  outputs: Output[];
  displayIds: (string | undefined)[];
  executionCount: number | null;
  clearPending: boolean;
  timer: NodeJS.Timeout | undefined;
  writes: Promise<void>;
}

export class OutputRecorder {
  readonly #active = new Map<string, Recording>();
  /** display_id -> where displays of it were recorded (for updates after their cell ended) */
  readonly #displays = new Map<string, { path: string; cellId: string; index: number }[]>();

  constructor(private readonly notebooks: NotebookFiles, private readonly log: (line: string) => void) {}

  /** Starts recording a request: the cell's outputs are cleared and its count reset. */
  begin(msgId: string, path: string, cellId: string): void {
    const r: Recording = { path, cellId, outputs: [], displayIds: [], executionCount: null, clearPending: false, timer: undefined, writes: Promise.resolve() };
    this.#active.set(msgId, r);
    this.#schedule(r);
  }

  /** Every message from the kernel goes through here. */
  handle(msg: JupyterMessage): void {
    const type = msg.header.msg_type;
    if (type === 'update_display_data') return this.#update(msg);
    if (msg.channel === 'iopub' && type === 'status' && msg.content.execution_state === 'dead') {
      for (const [id, r] of this.#active) { this.#active.delete(id); this.#flush(r); }
      return;
    }
    const parentId = msg.parent_header.msg_id;
    const r = typeof parentId === 'string' ? this.#active.get(parentId) : undefined;
    if (!r) return;
    if (msg.channel === 'shell') {
      if (type === 'execute_reply' && typeof msg.content.execution_count === 'number') r.executionCount = msg.content.execution_count;
      return;
    }
    if (msg.channel !== 'iopub') return;
    const c = msg.content;
    switch (type) {
      case 'execute_input':
        if (typeof c.execution_count === 'number') r.executionCount = c.execution_count;
        break;
      case 'stream': {
        this.#clearIfPending(r);
        const last = r.outputs.at(-1);
        if (last?.output_type === 'stream' && last.name === c.name) last.text = carriage(`${String(last.text)}${String(c.text ?? '')}`);
        else this.#push(r, { output_type: 'stream', name: c.name === 'stderr' ? 'stderr' : 'stdout', text: carriage(String(c.text ?? '')) });
        break;
      }
      case 'display_data':
        this.#clearIfPending(r);
        this.#push(r, { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} }, displayIdOf(msg));
        break;
      case 'execute_result':
        this.#clearIfPending(r);
        this.#push(r, { output_type: 'execute_result', execution_count: c.execution_count ?? r.executionCount, data: c.data ?? {}, metadata: c.metadata ?? {} }, displayIdOf(msg));
        break;
      case 'error':
        this.#clearIfPending(r);
        this.#push(r, { output_type: 'error', ename: c.ename ?? '', evalue: c.evalue ?? '', traceback: c.traceback ?? [] });
        break;
      case 'clear_output':
        if (c.wait === true) r.clearPending = true;
        else this.#clear(r);
        break;
      case 'status':
        if (c.execution_state === 'idle') {
          this.#active.delete(parentId as string);
          this.#flush(r);
        }
        return;
      default:
        return;
    }
    this.#schedule(r);
  }

  /** Writes everything pending (server shutdown); resolves when written. */
  async flushAll(): Promise<void> {
    const all = [...this.#active.values()];
    this.#active.clear();
    await Promise.all(all.map((r) => this.#flush(r)));
  }

  #push(r: Recording, out: Output, displayId?: string): void {
    r.outputs.push(out);
    r.displayIds.push(displayId);
    if (displayId !== undefined) {
      const at = this.#displays.get(displayId) ?? [];
      at.push({ path: r.path, cellId: r.cellId, index: r.outputs.length - 1 });
      this.#displays.set(displayId, at);
    }
  }

  #clearIfPending(r: Recording): void {
    if (r.clearPending) this.#clear(r);
  }

  #clear(r: Recording): void {
    r.clearPending = false;
    for (const [id, places] of this.#displays) {
      const kept = places.filter((p) => !(p.path === r.path && p.cellId === r.cellId));
      if (kept.length) this.#displays.set(id, kept);
      else this.#displays.delete(id);
    }
    r.outputs = [];
    r.displayIds = [];
  }

  #update(msg: JupyterMessage): void {
    const id = displayIdOf(msg);
    if (id === undefined) return;
    const data = msg.content.data ?? {};
    const metadata = msg.content.metadata ?? {};
    for (const place of this.#displays.get(id) ?? []) {
      const live = [...this.#active.values()].find((r) => r.path === place.path && r.cellId === place.cellId);
      if (live) {
        const out = live.outputs[place.index];
        if (out) { out.data = data; out.metadata = metadata; this.#schedule(live); }
        continue;
      }
      void this.notebooks.mutateNotebook(place.path, (nb) => {
        const out = nb.cells.find((c) => c.id === place.cellId)?.outputs?.[place.index] as Output | undefined;
        if (out && (out.output_type === 'display_data' || out.output_type === 'execute_result')) { out.data = data; out.metadata = metadata; }
      }).catch((e: unknown) => this.log(`updating display ${id} in ${place.path} failed: ${(e as Error).message}`));
    }
  }

  #schedule(r: Recording): void {
    if (r.timer) return;
    r.timer = setTimeout(() => { r.timer = undefined; void this.#flush(r); }, WRITE_EVERY_MS);
  }

  #flush(r: Recording): Promise<void> {
    if (r.timer) { clearTimeout(r.timer); r.timer = undefined; }
    const outputs = structuredClone(r.outputs);
    const count = r.executionCount;
    r.writes = r.writes.then(async () => {
      try {
        const found = await this.notebooks.mutateNotebook(r.path, (nb) => {
          const cell = nb.cells.find((c) => c.id === r.cellId);
          if (!cell || cell.cell_type !== 'code') return;
          cell.outputs = outputs;
          cell.execution_count = count;
        });
        if (!found) this.log(`recording outputs: the notebook ${r.path} no longer exists`);
      } catch (e) {
        this.log(`recording outputs into ${r.path} (cell ${r.cellId}) failed: ${(e as Error).message}`);
      }
    });
    return r.writes;
  }
}

function displayIdOf(msg: JupyterMessage): string | undefined {
  const t = msg.content.transient as { display_id?: unknown } | undefined;
  return typeof t?.display_id === 'string' ? t.display_id : undefined;
}

/** A carriage return rewrites its line, as a terminal (and JupyterLab) shows it. */
function carriage(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r+\n/g, '\n').split('\n').map((line) => line.slice(line.lastIndexOf('\r') + 1)).join('\n');
}
