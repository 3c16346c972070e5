import { lastAtOrBefore } from '../util/search';

/**
 * The map from a block's plain text back to source offsets, kept as runs: a run is a stretch of plain
 * characters whose source offsets either step with them (text copied from the source) or stay put
 * (a blank standing for skipped code). A paragraph has a handful of runs however long it is, and a
 * moved block shares its runs with the original.
 */
export class OffsetMap {
  /**
   * @param runs flat triples: plain start, source offset (before `origin`), step (1 or 0), by plain start
   * @param length how many plain positions are mapped (the plain text's length plus one, for its end)
   * @param origin added to every source offset
   */
  constructor(
    private readonly runs: Int32Array,
    readonly length: number,
    private origin = 0,
  ) {}

  /** The source offset of plain position `index`, or undefined outside the map. */
  at(index: number): number | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    const runs = this.runs;
    // The last run starting at or before `index` (the first starts at 0).
    const lo = Math.max(0, lastAtOrBefore(runs, index, 3));
    const at = lo * 3;
    return this.origin + (runs[at + 1] as number) + (runs[at + 2] as number) * (index - (runs[at] as number));
  }

  /** Moves every source offset by `delta`, in place (the block moved in its document). */
  moveBy(delta: number): void {
    this.origin += delta;
  }

  /** Every position's source offset, in order (for tests and debugging). */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i) as number);
    return out;
  }
}
