/** Applies fixes to a text: the engine of `--fix` and of "Fix all" in the editor. */
import { LineIndex } from '../text/lineIndex';
import type { Finding, FindingCode, TextEdit } from '../types';

/** Codes whose preferred fix "fix all" applies; `unsupported` has none. */
export const FIXABLE_CODES: readonly FindingCode[] = ['mismatch', 'missing-citation', 'wrong-citation'];

/**
 * The edits of every finding's preferred fix, without overlaps (the earlier finding wins) and with
 * identical edits merged, so that two citations of one footnote define it once.
 */
export function fixAllEdits(findings: Finding[], text: string, codes: readonly FindingCode[] = FIXABLE_CODES): TextEdit[] {
  const lines = new LineIndex(text);
  const chosen: Array<{ start: number; end: number; edit: TextEdit }> = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    if (!codes.includes(finding.code)) continue;
    const fix = finding.fixes.find((f) => f.isPreferred) ?? finding.fixes[0];
    if (!fix) continue;
    const spans = fix.edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), edit }));
    const fresh = spans.filter((s) => !seen.has(keyOf(s)));
    const clashes = fresh.some((s) => chosen.some((c) => overlaps(s, c)));
    if (clashes) continue;
    for (const span of fresh) {
      seen.add(keyOf(span));
      chosen.push(span);
    }
  }
  return chosen.map((c) => c.edit);
}

function keyOf(span: { start: number; end: number; edit: TextEdit }): string {
  return `${span.start}:${span.end}:${span.edit.newText}`;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to `text`. Insertions at one offset keep their given order. */
export function applyFixes(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit, order) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}
