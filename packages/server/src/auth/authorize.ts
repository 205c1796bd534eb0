/**
 * The one authorization decision of the service. Every route declares the action it needs;
 * the request hook (./hook.ts) calls `authorize` before any handler runs. Today every valid
 * token may do everything; users and roles will change only this file.
 */
import type { Principal } from './tokens.ts';

export const ACTIONS = ['workspace.read', 'workspace.query', 'workspace.ingest', 'workspace.admin', 'notebook.read', 'notebook.write', 'kernel.use'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What an action is about: one workspace (`ref` is the name or id the caller gave, `id` its
 * id when it exists), or the service as a whole (listing or creating workspaces).
 */
export type Resource =
  | { readonly kind: 'workspace'; readonly ref: string; readonly id?: string; readonly name?: string }
  | { readonly kind: 'service' }
  /** a path in a workspace's notebooks (contents path without the workspace: `Users/ana/x.ipynb`, `Templates/...`) */
  | { readonly kind: 'notebook'; readonly workspace: string; readonly path: string }
  /** a running kernel: it is used only by the principal (name) that started it */
  | { readonly kind: 'kernel'; readonly id: string; readonly owner: string };

export interface Decision {
  readonly allowed: boolean;
  /** why not, for the 403 message */
  readonly reason?: string;
}

export type Authorizer = (principal: Principal, action: Action, resource: Resource) => Decision | Promise<Decision>;

/**
 * The default policy: a valid token may do everything, except writing notebooks where no one
 * may: Templates/ is read-only, and Users/<name>/ belongs to the principal of that name; a
 * kernel is used only by the principal that started it.
 */
export function authorize(principal: Principal, action: Action, resource: Resource): Decision {
  if (!(ACTIONS as readonly string[]).includes(action)) return { allowed: false, reason: `unknown action '${String(action)}'` };
  if (resource.kind === 'notebook' && action === 'notebook.write') {
    const [top, owner] = resource.path.split('/');
    if (top === 'Templates') return { allowed: false, reason: 'Templates is read-only: save a copy into your own folder (Users/<you>/)' };
    if (top === 'Users' && owner !== undefined && owner !== principal.name) return { allowed: false, reason: `Users/${owner}/ belongs to ${owner}; write into Users/${principal.name}/ or Shared/` };
  }
  if (resource.kind === 'kernel' && resource.owner !== principal.name) {
    return { allowed: false, reason: `kernel ${resource.id} belongs to ${resource.owner}; start your own kernel` };
  }
  return { allowed: true };
}
