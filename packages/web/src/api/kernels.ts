/// <reference lib="dom" />
/** Jupyter Server's sessions and kernels REST, typed: a session for a notebook, interrupt, restart, the kernel's log. */
import { api } from './index.ts';

export interface KernelModel { id: string; name: string; execution_state: string; connections: number; last_activity: string }
export interface SessionModel { id: string; path: string; name: string; type: string; kernel: KernelModel }

/** The kernel used when the notebook names none (the Huntbook kernel's kernelspec name). */
export const DEFAULT_KERNEL = 'huntbook';

/** Find the notebook's session or start one (Jupyter Server reuses a session for the same path). */
export function startSession(path: string, kernelName = DEFAULT_KERNEL): Promise<SessionModel> {
  const name = path.split('/').pop() ?? path;
  return api<SessionModel>('/api/sessions', { method: 'POST', body: { path, name, type: 'notebook', kernel: { name: kernelName } } });
}

export function getKernel(id: string): Promise<KernelModel> {
  return api<KernelModel>(`/api/kernels/${encodeURIComponent(id)}`);
}

export function interruptKernel(id: string): Promise<void> {
  return api<void>(`/api/kernels/${encodeURIComponent(id)}/interrupt`, { method: 'POST' });
}

export function restartKernel(id: string): Promise<KernelModel> {
  return api<KernelModel>(`/api/kernels/${encodeURIComponent(id)}/restart`, { method: 'POST' });
}

export function kernelLog(id: string): Promise<string> {
  return api<string>(`/api/kernels/${encodeURIComponent(id)}/logs`, { as: 'text' });
}
