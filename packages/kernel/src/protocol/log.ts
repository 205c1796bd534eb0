/**
 * The kernel's log: one line on stderr per event (Jupyter shows a kernel's stderr in its own log).
 * Written straight to fd 2: a worker's process.stderr goes through the main thread, so its lines
 * would wait (or be lost) while a cell loops there.
 */
import { writeSync } from 'node:fs';

export function log(text: string): void {
  try {
    writeSync(2, `huntbook kernel: ${text}\n`);
  } catch {
    // stderr closed or full: the log is best effort
  }
}
