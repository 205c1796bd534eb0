/**
 * A counting semaphore with a bounded FIFO queue: at most `size` holders at once, at most
 * `maxQueued` waiting, and a refusal past that. Ingestion holds a slot from before it reads a
 * body until the batch is stored, so the bodies in memory at once are bounded (the waiting
 * ones stay unread in their sockets).
 */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number, readonly maxQueued: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`slots must be a whole number of at least 1, not ${size}`);
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError(`queued slots must be a whole number of at least 0, not ${maxQueued}`);
  }

  get running(): number { return this.held; }
  get queued(): number { return this.waiting.length; }

  /** A release function once a slot is free, or undefined at once when the queue is full. */
  acquire(): Promise<() => void> | undefined {
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueued) return undefined;
    return new Promise((resolve) => { this.waiting.push(() => resolve(this.releaser())); });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on: held stays the same
      else this.held--;
    };
  }
}
