/** The kernel's state in words (idle, busy, starting, restarting, dead, disconnected), with why when it is a problem. */
import type { KernelStatus as Status } from './connection.ts';

const LABEL: Record<Status, string> = {
  idle: 'Kernel idle', busy: 'Kernel busy', starting: 'Kernel starting', restarting: 'Kernel restarting',
  dead: 'Kernel dead', connecting: 'Connecting to kernel', disconnected: 'Kernel disconnected',
};

export function KernelStatus({ status, detail }: { status: Status; detail?: string }) {
  return (
    <span className={`kernel-status ks-${status}`} data-testid="kernel-status" data-status={status} title={detail ?? LABEL[status]} role="status">
      <span className="ks-dot" aria-hidden="true" />{LABEL[status]}
      {detail && (status === 'disconnected' || status === 'dead') && <span className="ks-detail">: {detail}</span>}
    </span>
  );
}
