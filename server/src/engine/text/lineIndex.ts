import type { Position, Range } from '../types';
import { lastAtOrBefore } from '../util/search';

/**
 * Converts between UTF-16 offsets into a text and LSP positions (0-based line, UTF-16 character).
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP. Offsets and positions outside the text are
 * clamped, so a caller never gets a position the editor would reject.
 */
export class LineIndex {
  private readonly text: string;
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[];

  /** Indexes `text`; the cost is one pass over it. */
  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** The number of lines (a text ending in a line break has an empty last line). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of `offset`, clamped to the text. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    const lo = Math.max(0, lastAtOrBefore(this.lineStarts, clamped));
    // An offset between \r and \n belongs to the end of the line, not inside the break.
    const character = Math.min(clamped, this.lineEnd(lo)) - (this.lineStarts[lo] as number);
    return { line: lo, character };
  }

  /** The offset of `pos`; a line past the end clamps to the text's end, a character past the line's end to the line's end. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line] as number;
    return Math.max(start, Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line)));
  }

  /**
   * The range from offset `start` to offset `end`. Neither end splits a surrogate pair: a start inside
   * one moves to the pair's start and an end past it, so the range keeps the whole character (offsets
   * from parsers such as yaml's can split one).
   */
  rangeOf(start: number, end: number): Range {
    const s = Math.floor(start);
    const e = Math.floor(end);
    return { start: this.positionAt(this.splitsPair(s) ? s - 1 : s), end: this.positionAt(this.splitsPair(e) ? e + 1 : e) };
  }

  /** Whether `offset` falls between the two halves of a surrogate pair. */
  private splitsPair(offset: number): boolean {
    if (offset <= 0 || offset >= this.text.length) return false;
    const before = this.text.charCodeAt(offset - 1);
    const after = this.text.charCodeAt(offset);
    return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  }

  /** The offset just before the line break ending `line`, or the text's end. */
  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && end > (this.lineStarts[line] as number) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
