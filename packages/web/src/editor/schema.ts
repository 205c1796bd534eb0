/// <reference lib="dom" />
/** The workspace's schema for KQL IntelliSense, fetched once per workspace (GET /v1/workspaces/{ws}/metadata). */
import { api } from '../api/index.ts';

export interface LaMetadata { tables: { name: string; columns: { name: string; type: string }[] }[] }

const cache = new Map<string, Promise<LaMetadata>>();

export function workspaceMetadata(workspace: string): Promise<LaMetadata> {
  let p = cache.get(workspace);
  if (!p) {
    p = api<LaMetadata>(`/v1/workspaces/${encodeURIComponent(workspace)}/metadata`);
    p.catch(() => cache.delete(workspace));
    cache.set(workspace, p);
  }
  return p;
}
