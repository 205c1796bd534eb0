/// <reference lib="dom" />
/**
 * The notebook's kernel: a session for its path (POST /api/sessions), the WebSocket with
 * reconnection, and run / interrupt / restart. When the socket comes back after a drop,
 * `onReconnect` lets the editor reload the outputs the server recorded meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { wsUrl } from '../api/index.ts';
import { interruptKernel, restartKernel, startSession, getKernel, type SessionModel } from '../api/kernels.ts';
import { KernelConnection, type ExecuteHandlers, type KernelStatus } from './connection.ts';
import type { JupyterMessage } from './messages.ts';

export interface KernelApi {
  status: KernelStatus;
  /** why the status is what it is (connection problems, start failures) */
  detail?: string;
  kernelId?: string;
  execute(code: string, cellId: string, handlers: ExecuteHandlers): void;
  interrupt(): Promise<void>;
  restart(): Promise<void>;
  /** try the WebSocket again now */
  reconnect(): void;
}

export function useKernel(path: string, on: { onReconnect: (idle: boolean) => void; onRestart: () => void; onOtherIopub: (m: JupyterMessage) => void }): KernelApi {
  const [status, setStatus] = useState<KernelStatus>('starting');
  const [detail, setDetail] = useState<string>();
  const [session, setSession] = useState<SessionModel>();
  const conn = useRef<KernelConnection>(undefined);
  const handlers = useRef(on);
  handlers.current = on;

  useEffect(() => {
    let gone = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const start = (attempt: number) => {
      setStatus('starting');
      startSession(path).then((s) => {
        if (gone) return;
        setSession(s);
        setDetail(undefined);
        conn.current = new KernelConnection(
          () => wsUrl(`/api/kernels/${encodeURIComponent(s.kernel.id)}/channels`, { session_id: s.id }),
          s.id,
          {
            onStatus: (st, d) => { setStatus(st); setDetail(d); },
            onReconnect: () => {
              getKernel(s.kernel.id).then((k) => handlers.current.onReconnect(k.execution_state === 'idle'), () => handlers.current.onReconnect(false));
            },
            onOtherIopub: (m) => handlers.current.onOtherIopub(m),
          },
        );
      }, (e: Error) => {
        if (gone) return;
        setStatus('disconnected');
        const wait = Math.min(30, 2 ** attempt);
        setDetail(`cannot start a kernel for this notebook: ${e.message}; retrying in ${wait} s`);
        retry = setTimeout(() => start(attempt + 1), wait * 1000);
      });
    };
    start(0);
    return () => { gone = true; clearTimeout(retry); conn.current?.dispose(); conn.current = undefined; };
  }, [path]);

  const execute = useCallback((code: string, cellId: string, h: ExecuteHandlers) => {
    if (!conn.current) throw new Error('the kernel is not started yet: the cell was not sent');
    conn.current.execute(code, cellId, h);
  }, []);
  const interrupt = useCallback(async () => { if (session) await interruptKernel(session.kernel.id); }, [session]);
  const restart = useCallback(async () => {
    if (!session) return;
    setStatus('restarting');
    await restartKernel(session.kernel.id);
    conn.current?.forgetPending();
    handlers.current.onRestart();
  }, [session]);
  const reconnect = useCallback(() => conn.current?.reconnect(), []);
  return { status, detail, kernelId: session?.kernel.id, execute, interrupt, restart, reconnect };
}
