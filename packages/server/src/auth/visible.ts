/** The workspaces a caller may read, each decided by the one authorization function (listings, `.show databases`). */
import type { WorkspaceInfo } from '@huntbook/store';
import type { Authorizer } from './authorize.ts';
import type { Principal } from './tokens.ts';

export async function visibleWorkspaces(authorize: Authorizer, principal: Principal, all: readonly WorkspaceInfo[]): Promise<WorkspaceInfo[]> {
  const out: WorkspaceInfo[] = [];
  for (const info of all) {
    const d = await authorize(principal, 'workspace.read', { kind: 'workspace', ref: info.name, id: info.id, name: info.name });
    if (d.allowed) out.push(info);
  }
  return out;
}
