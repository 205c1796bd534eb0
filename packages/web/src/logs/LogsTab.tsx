/** Placeholder (the OUTPUTS helper replaces this): the Logs tab. */
export function LogsTab({ workspace }: { workspace: string }) {
  return <div className="placeholder">Logs for {workspace} (coming)</div>;
}
