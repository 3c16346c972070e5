/** Position and range comparisons shared by the feature modules (LSP ranges: zero-based, end exclusive). */
import type { Position, Range } from '../engine/types';

/** Whether `a` stands before or at `b`. */
export function atOrBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Whether `range` contains `position`, its end included (a cursor just after a word is on it). */
export function contains(range: Range, position: Position): boolean {
  return atOrBefore(range.start, position) && atOrBefore(position, range.end);
}

/** Whether two ranges overlap or touch. */
export function touches(a: Range, b: Range): boolean {
  return atOrBefore(a.start, b.end) && atOrBefore(b.start, a.end);
}

/** A size for ordering ranges, smallest first. */
export function rangeSize(range: Range): number {
  return (range.end.line - range.start.line) * 1e6 + (range.end.character - range.start.character);
}
