/// <reference lib="dom" />
/**
 * The notebook's kernel: a session for its path (POST /api/sessions; the same path gets the
 * same session and kernel, so a reloaded page finds the cell it left running), the WebSocket
 * with reconnection, and run / interrupt / restart. Cells run before the session exists wait
 * here, then in the connection's queue until the kernel is ready. When the socket first opens
 * (`onConnect`) or comes back after a drop (`onReconnect`), the editor reloads the outputs
 * the server recorded meanwhile.
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
  /** send a cell, or queue it until the kernel is ready (handlers.onSent / onDropped say what became of it) */
  execute(code: string, cellId: string, handlers: ExecuteHandlers): void;
  interrupt(): Promise<void>;
  restart(): Promise<void>;
  /** try the WebSocket again now */
  reconnect(): void;
}

export interface KernelEvents {
  onReconnect(idle: boolean): void;
  onConnect(): void;
  onRestart(): void;
  onOtherIopub(m: JupyterMessage): void;
}

export function useKernel(path: string, on: KernelEvents): KernelApi {
  const [status, setStatus] = useState<KernelStatus>('starting');
  const [detail, setDetail] = useState<string>();
  const [session, setSession] = useState<SessionModel>();
  const conn = useRef<KernelConnection>(undefined);
  /** cells run before the session exists */
  const early = useRef<{ code: string; cellId: string; handlers: ExecuteHandlers }[]>([]);
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
            onConnect: () => handlers.current.onConnect(),
            probe: () => getKernel(s.kernel.id).then((k) => k.execution_state),
          },
        );
        const waiting = early.current;
        early.current = [];
        for (const w of waiting) conn.current.execute(w.code, w.cellId, w.handlers);
      }, (e: Error) => {
        if (gone) return;
        setStatus('disconnected');
        const wait = Math.min(30, 2 ** attempt);
        setDetail(`cannot start a kernel for this notebook: ${e.message}; retrying in ${wait} s`);
        retry = setTimeout(() => start(attempt + 1), wait * 1000);
      });
    };
    start(0);
    return () => {
      gone = true;
      clearTimeout(retry);
      conn.current?.dispose();
      conn.current = undefined;
      for (const w of early.current) w.handlers.onDropped?.('the notebook was closed: the cell was not sent');
      early.current = [];
    };
  }, [path]);

  const execute = useCallback((code: string, cellId: string, h: ExecuteHandlers) => {
    if (conn.current) conn.current.execute(code, cellId, h);
    else early.current.push({ code, cellId, handlers: h });
  }, []);
  const interrupt = useCallback(async () => { if (session) await interruptKernel(session.kernel.id); }, [session]);
  const restart = useCallback(async () => {
    if (!session) return;
    // what was sent dies with the old kernel; what waits is dropped (a restart starts over)
    conn.current?.forgetPending();
    handlers.current.onRestart();
    setStatus('restarting');
    await restartKernel(session.kernel.id);
  }, [session]);
  const reconnect = useCallback(() => conn.current?.reconnect(), []);
  return { status, detail, kernelId: session?.kernel.id, execute, interrupt, restart, reconnect };
}
