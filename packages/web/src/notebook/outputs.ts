/**
 * A cell's outputs as iopub messages change them, with nbformat's output records (what the
 * server records into the notebook too): streams of the same name join, clear_output (with
 * wait: at the next output), update_display_data replaces the outputs of its display_id.
 */
import type { Output } from './model.ts';

export interface OutputState {
  outputs: Output[];
  /** clear_output(wait=True) came: clear when the next output arrives */
  clearPending: boolean;
}

export interface IopubMessage {
  header: { msg_type: string };
  content: Record<string, unknown>;
}

function displayIdOf(content: Record<string, unknown>): string | undefined {
  const id = (content.transient as { display_id?: unknown } | undefined)?.display_id;
  return typeof id === 'string' ? id : undefined;
}

function record(msgType: string, c: Record<string, unknown>): Output | undefined {
  switch (msgType) {
    case 'stream': return { output_type: 'stream', name: c.name === 'stderr' ? 'stderr' : 'stdout', text: String(c.text ?? '') };
    case 'display_data': {
      const o: Output = { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} };
      const id = displayIdOf(c);
      if (id !== undefined) o.transient = { display_id: id };
      return o;
    }
    case 'execute_result': return { output_type: 'execute_result', execution_count: c.execution_count ?? null, data: c.data ?? {}, metadata: c.metadata ?? {} };
    case 'error': return { output_type: 'error', ename: String(c.ename ?? 'Error'), evalue: String(c.evalue ?? ''), traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [] };
    default: return undefined;
  }
}

/** The outputs after one iopub message (messages that are not outputs leave them as they are). */
export function applyIopub(state: OutputState, msg: IopubMessage): OutputState {
  const type = msg.header.msg_type;
  const c = msg.content;
  if (type === 'clear_output') {
    return c.wait === true ? { outputs: state.outputs, clearPending: true } : { outputs: [], clearPending: false };
  }
  if (type === 'update_display_data') {
    const id = displayIdOf(c);
    if (id === undefined) return state;
    const outputs = state.outputs.map((o) => ((o.transient as { display_id?: string } | undefined)?.display_id === id
      ? { ...o, data: c.data ?? {}, metadata: c.metadata ?? {} } : o));
    return { ...state, outputs };
  }
  const out = record(type, c);
  if (!out) return state;
  const base = state.clearPending ? [] : state.outputs;
  const last = base[base.length - 1];
  if (out.output_type === 'stream' && last?.output_type === 'stream' && last.name === out.name) {
    return { outputs: [...base.slice(0, -1), { ...last, text: String(last.text) + String(out.text) }], clearPending: false };
  }
  return { outputs: [...base, out], clearPending: false };
}

/** The outputs the kernel sends to every cell's display_id (update_display_data may reach cells other than the running one). */
export function updateDisplays(outputs: Output[], msg: IopubMessage): Output[] {
  if (msg.header.msg_type !== 'update_display_data') return outputs;
  return applyIopub({ outputs, clearPending: false }, msg).outputs;
}
