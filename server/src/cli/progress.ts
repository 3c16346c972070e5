/**
 * Progress of a long run on a terminal: one line on stderr, rewritten in place and erased at the
 * end. When stderr is not a terminal (piped, redirected, CI logs) nothing is written.
 */

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** At most one update per this many milliseconds. */
const EVERY_MS = 100;

/** Counts checked drafts and shows the count on a terminal, when there is more than one. */
export class Progress {
  private readonly active: boolean;
  private lastAt = -Infinity;
  private shown = false;
  private done = 0;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.active = stream?.isTTY === true && total > 1;
  }

  /** One more draft is done. */
  tick(): void {
    this.done++;
    if (!this.active) return;
    const at = this.now();
    if (at - this.lastAt < EVERY_MS && this.done < this.total) return;
    this.lastAt = at;
    this.shown = true;
    this.stream?.write(`\r\x1b[Ksourcecheck: ${this.done}/${this.total} drafts checked`);
  }

  /** Erases the progress line, if one was shown, before the report is written. */
  finish(): void {
    if (this.shown) this.stream?.write('\r\x1b[K');
    this.shown = false;
  }
}
