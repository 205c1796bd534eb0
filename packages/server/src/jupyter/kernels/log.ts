/**
 * A kernel's log: what its process writes on stdout and stderr, and the manager's own lines
 * (start, restart, exit and why). Kept in memory (the last MAX_CHARS characters, served at
 * GET /api/kernels/{id}/logs) and appended to <data dir>/kernels/<id>.log.
 */
import { appendFile, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_CHARS = 256 * 1024;

export class KernelLog {
  #chunks: string[] = [];
  #size = 0;
  #write: Promise<void> = Promise.resolve();
  /** the last stderr text, for telling why a process died */
  #stderrTail = '';

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }

  /** output of the kernel process */
  output(stream: 'stdout' | 'stderr', text: string): void {
    if (stream === 'stderr') this.#stderrTail = (this.#stderrTail + text).slice(-8192);
    this.#append(text);
  }

  /** a line of the manager's own, prefixed with the time */
  line(text: string): void {
    this.#append(`[huntbook ${new Date().toISOString()}] ${text}\n`);
  }

  get stderrTail(): string {
    return this.#stderrTail;
  }

  text(): string {
    return this.#chunks.join('');
  }

  /** resolves when everything logged so far is in the file */
  flushed(): Promise<void> {
    return this.#write;
  }

  #append(text: string): void {
    this.#chunks.push(text);
    this.#size += text.length;
    while (this.#size > MAX_CHARS && this.#chunks.length > 1) this.#size -= this.#chunks.shift()!.length;
    this.#write = this.#write.then(() => new Promise<void>((resolve) => {
      appendFile(this.file, text, { mode: 0o600 }, () => resolve());
    }));
  }
}
