/**
 * The one authorization decision of the service. Every route declares the action it needs;
 * the request hook (./hook.ts) calls `authorize` before any handler runs. Today every valid
 * token may do everything; users and roles will change only this file.
 */
import type { Principal } from './tokens.ts';

export const ACTIONS = ['workspace.read', 'workspace.query', 'workspace.ingest', 'workspace.admin'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What an action is about: one workspace (`ref` is the name or id the caller gave, `id` its
 * id when it exists), or the service as a whole (listing or creating workspaces).
 */
export type Resource =
  | { readonly kind: 'workspace'; readonly ref: string; readonly id?: string; readonly name?: string }
  | { readonly kind: 'service' };

export interface Decision {
  readonly allowed: boolean;
  /** why not, for the 403 message */
  readonly reason?: string;
}

export type Authorizer = (principal: Principal, action: Action, resource: Resource) => Decision | Promise<Decision>;

/** The default policy: a valid token may do everything. */
export function authorize(_principal: Principal, action: Action, _resource: Resource): Decision {
  if (!(ACTIONS as readonly string[]).includes(action)) return { allowed: false, reason: `unknown action '${String(action)}'` };
  return { allowed: true };
}
