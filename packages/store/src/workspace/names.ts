/** Rules for what a user names and sets on a workspace: its name and its retention. */

/** A workspace name: a letter or digit, then up to 62 letters, digits, '_' or '-' (it is also a folder name). */
export const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export const DEFAULT_RETENTION_DAYS = 90;
/** Longest retention accepted (100 years): effectively "keep". */
export const MAX_RETENTION_DAYS = 36_500;

/** A create under a name that is taken (names are case-insensitive); `existing` is the taken name as stored. */
export class WorkspaceExistsError extends Error {
  constructor(readonly existing: string) {
    super(`a workspace named '${existing}' already exists (names are case-insensitive)`);
    this.name = 'WorkspaceExistsError';
  }
}

export function checkWorkspaceName(name: unknown): string {
  if (typeof name !== 'string' || !WORKSPACE_NAME.test(name)) {
    throw new RangeError(`invalid workspace name ${JSON.stringify(name)}: use 1 to 63 letters, digits, '_' or '-', starting with a letter or digit`);
  }
  return name;
}

export function checkRetentionDays(days: unknown): number {
  if (days === undefined) return DEFAULT_RETENTION_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new RangeError(`invalid retention ${JSON.stringify(days)}: give a whole number of days from 1 to ${MAX_RETENTION_DAYS.toLocaleString('en-US')}`);
  }
  return days;
}
