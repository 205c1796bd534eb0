/** The kernel's log (GET /api/kernels/{id}/logs) in a panel: what it printed, why it died. */
import { useEffect, useState } from 'react';
import { kernelLog } from '../api/kernels.ts';

export function KernelLog({ kernelId, onClose }: { kernelId: string; onClose: () => void }) {
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const load = () => { kernelLog(kernelId).then(setText, (e: Error) => setError(e.message)); };
  useEffect(load, [kernelId]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal wide" onClick={(e) => e.stopPropagation()} data-testid="kernel-log">
        <div className="modal-title">Kernel log <span className="muted">{kernelId}</span>
          <span className="spacer" /><button onClick={load}>Refresh</button> <button onClick={onClose}>Close</button></div>
        {error ? <p className="error">{error}</p> : <pre className="kernel-log-text">{text ?? 'loading…'}</pre>}
      </div>
    </div>
  );
}
