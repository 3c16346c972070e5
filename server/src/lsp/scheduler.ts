/**
 * Debounced, cancellable work per key (a document URI): a burst of edits runs the work once, after
 * the last edit, and a newer request cancels an older one that has not run yet.
 */
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver/node';

interface Pending {
  stop: () => void;
  source: CancellationTokenSource;
  task: (token: CancellationToken) => void;
}

/** Runs at most one pending task per key, each after its delay. */
export class Scheduler {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  /** Schedules `task` for `key` after `delayMs`, replacing (and cancelling) a pending one. */
  schedule(key: string, delayMs: number, task: (token: CancellationToken) => void): void {
    this.cancel(key);
    const source = new CancellationTokenSource();
    // No delay runs on the next turn: a timer of 0 ms waits at least 1 ms.
    let stop: () => void;
    if (delayMs > 0) {
      const timer = setTimeout(() => this.run(key), delayMs);
      stop = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.run(key));
      stop = () => clearImmediate(immediate);
    }
    this.pending.set(key, { stop, source, task });
  }

  /** Whether a task waits for `key`. */
  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  /** Runs the pending task for `key` now, if there is one. */
  flush(key: string): void {
    if (this.pending.has(key)) this.run(key);
  }

  /** Cancels the pending task for `key`, if there is one. */
  cancel(key: string): void {
    const pending = this.pending.get(key);
    if (!pending) return;
    pending.stop();
    pending.source.cancel();
    pending.source.dispose();
    this.pending.delete(key);
  }

  /** Cancels everything. */
  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private run(key: string): void {
    const pending = this.pending.get(key);
    if (!pending) return;
    pending.stop();
    this.pending.delete(key);
    try {
      pending.task(pending.source.token);
    } catch (error) {
      this.onError(key, error);
    } finally {
      pending.source.dispose();
    }
  }
}
