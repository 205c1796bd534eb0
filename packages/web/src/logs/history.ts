/// <reference lib="dom" />
/**
 * The Logs tab's query history, kept by the server per user and workspace
 * (`/api/workspaces/{w}/history`): list, record a run, clear.
 */
import { api } from '../api/index.ts';

export interface HistoryEntry {
  readonly id: string;
  readonly query: string;
  readonly timespan?: string;
  readonly at: string;
  readonly rows?: number;
  readonly durationMs?: number;
  readonly error?: string;
}

const path = (workspace: string) => `/api/workspaces/${encodeURIComponent(workspace)}/history`;

export async function listHistory(workspace: string): Promise<HistoryEntry[]> {
  return (await api<{ history: HistoryEntry[] }>(path(workspace))).history;
}

export async function recordHistory(workspace: string, run: Omit<HistoryEntry, 'id' | 'at'>): Promise<HistoryEntry> {
  return api<HistoryEntry>(path(workspace), { method: 'POST', body: run });
}

export async function clearHistory(workspace: string): Promise<void> {
  await api(path(workspace), { method: 'DELETE' });
}
