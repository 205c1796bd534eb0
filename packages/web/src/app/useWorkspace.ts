/// <reference lib="dom" />
/** The workspaces the caller may read (GET /api/workspaces) and the chosen one (remembered). */
import { useCallback, useEffect, useState } from 'react';
import { api, currentWorkspace, setWorkspace } from '../api/index.ts';

export function useWorkspace(): { workspace?: string; workspaces: string[]; choose: (ws: string) => void; error?: string } {
  const [workspaces, setWorkspaces] = useState<string[]>([]);
  const [workspace, setCurrent] = useState<string | undefined>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ workspaces: { name: string }[] }>('/api/workspaces').then((r) => {
      const names = r.workspaces.map((w) => w.name);
      setWorkspaces(names);
      const remembered = currentWorkspace();
      const pick = remembered !== undefined && names.includes(remembered) ? remembered : names[0];
      if (pick === undefined) setError('no workspace you may read: ask an administrator, or create one with `huntbook workspace create`');
      setCurrent(pick);
    }, (e: Error) => setError(`cannot list workspaces: ${e.message}`));
  }, []);
  const choose = useCallback((ws: string) => { setWorkspace(ws); setCurrent(ws); }, []);
  return { workspace, workspaces, choose, error };
}
