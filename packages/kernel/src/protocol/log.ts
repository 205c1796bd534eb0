/** The kernel's log: one line on stderr per event (Jupyter shows a kernel's stderr in its own log). */
export function log(text: string): void {
  process.stderr.write(`huntbook kernel: ${text}\n`);
}
