/**
 * The properties every check result must have, written independently of the engine's own position
 * code (LineIndex) so that a bug there shows up here. Each function returns a list of problems
 * (empty when the property holds) so that the unit tests and the long fuzz script share them.
 */
import { checkDocument } from '../../server/src/engine/check';
import type { CheckOptions, CheckResult } from '../../server/src/engine/api';
import type { FactBase, Finding, Mention, Position, Range, TextEdit } from '../../server/src/engine/types';

/** Line starts and ends (before the break) of `text`, with LSP's line breaks: `\n`, `\r\n`, `\r`. */
export function lineTable(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      ends.push(i);
      if (c === '\r' && text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

/** Offset of a position that has already been checked to lie inside the text. */
function offsetOf(table: { starts: number[] }, p: Position): number {
  return (table.starts[p.line] as number) + p.character;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Problems with `p` as a position in `text`: off the text, past its line, or between the halves of a surrogate pair. */
export function positionProblems(text: string, table: { starts: number[]; ends: number[] }, p: Position, what: string): string[] {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return [`${what}: not a position ${JSON.stringify(p)}`];
  if (p.line >= table.starts.length) return [`${what}: line ${p.line} past the last line ${table.starts.length - 1}`];
  const start = table.starts[p.line] as number;
  const end = table.ends[p.line] as number;
  if (start + p.character > end) return [`${what}: character ${p.character} past the end of line ${p.line} (length ${end - start})`];
  const at = start + p.character;
  if (at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))) return [`${what}: ${JSON.stringify(p)} splits a surrogate pair`];
  return [];
}

/** Problems with `r` as a range in `text`. */
export function rangeProblems(text: string, table: { starts: number[]; ends: number[] }, r: Range, what: string): string[] {
  const problems = [...positionProblems(text, table, r.start, `${what} start`), ...positionProblems(text, table, r.end, `${what} end`)];
  if (problems.length === 0 && offsetOf(table, r.start) > offsetOf(table, r.end)) problems.push(`${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
  return problems;
}

/** Offsets of edits, sorted; problems when they overlap. Edits must already be in range. */
function editSpans(table: { starts: number[] }, edits: TextEdit[]): { spans: Array<{ start: number; end: number; text: string }>; problems: string[] } {
  const spans = edits
    .map((e, order) => ({ start: offsetOf(table, e.range.start), end: offsetOf(table, e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  const problems: string[] = [];
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as { start: number; end: number };
    const b = spans[i] as { start: number; end: number };
    if (b.start < a.end) problems.push(`edits overlap: [${a.start},${a.end}) and [${b.start},${b.end})`);
  }
  return { spans, problems };
}

/** Applies in-range, non-overlapping edits the way an editor does (LSP semantics). */
export function applyEdits(text: string, table: { starts: number[] }, edits: TextEdit[]): string {
  const { spans } = editSpans(table, edits);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    out += text.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** Where an old offset lands after the edits; `side` says which way an offset inside a replaced span goes. */
function mapOffset(spans: Array<{ start: number; end: number; text: string }>, offset: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const s of spans) {
    if (s.end < offset || (s.end === offset && s.start < s.end)) delta += s.text.length - (s.end - s.start);
    else if (s.start < offset && offset < s.end) return side === 'start' ? s.start + delta : s.start + delta + s.text.length;
    else break;
  }
  return offset + delta;
}

function overlapsOrTouches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Offsets of a range in `text` (positions already checked). */
function spanOf(table: { starts: number[] }, r: Range): { start: number; end: number } {
  return { start: offsetOf(table, r.start), end: offsetOf(table, r.end) };
}

/** Every range a check result carries: findings, fix edits, hover statements and citation links. */
export function resultRangeProblems(text: string, result: CheckResult): string[] {
  const table = lineTable(text);
  const problems: string[] = [];
  result.findings.forEach((f, i) => {
    problems.push(...rangeProblems(text, table, f.range, `finding ${i} (${f.code})`));
    f.fixes.forEach((fix, j) => fix.edits.forEach((e, k) => problems.push(...rangeProblems(text, table, e.range, `finding ${i} fix ${j} edit ${k}`))));
  });
  result.statements.forEach((s, i) => problems.push(...rangeProblems(text, table, s.range, `statement ${i}`)));
  result.citations.forEach((c, i) => {
    problems.push(...rangeProblems(text, table, c.range, `citation ${i}`));
    if (!/^https?:\/\//i.test(c.target)) problems.push(`citation ${i}: target ${JSON.stringify(c.target)} is not http(s)`);
  });
  return problems;
}

/**
 * For each finding with fixes: the fix's edits do not overlap, and after applying them a re-check
 * reports no finding of the same code and fact at the fixed location. Returns the problems, each with
 * enough context to reproduce it.
 */
export function fixProblems(text: string, base: FactBase, result: CheckResult, options: CheckOptions = {}, maxFixes = Infinity): string[] {
  const table = lineTable(text);
  const problems: string[] = [];
  let tried = 0;
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (tried++ >= maxFixes) return problems;
      const { spans, problems: overlaps } = editSpans(table, fix.edits);
      if (overlaps.length > 0) {
        problems.push(...overlaps.map((p) => `${finding.code} "${fix.title}": ${p}`));
        continue;
      }
      const fixed = applyEdits(text, table, fix.edits);
      const old = spanOf(table, finding.range);
      const where = { start: mapOffset(spans, old.start, 'start'), end: mapOffset(spans, old.end, 'end') };
      const again = checkDocument(fixed, base, options).findings;
      const fixedTable = lineTable(fixed);
      const repeat = again.find((f) => sameFinding(f, finding) && overlapsOrTouches(spanOf(fixedTable, f.range), where));
      if (repeat) {
        problems.push(`${finding.code} (${finding.factId ?? '-'}) "${fix.title}" at ${JSON.stringify(finding.range)} is reported again after the fix: ${repeat.message} at ${JSON.stringify(repeat.range)}`);
      }
    }
  }
  return problems;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.code === b.code && a.factId === b.factId;
}

/** Problems with mentions extracted from `text`: spans off the text or splitting pairs, text not the slice, overlaps. */
export function mentionProblems(text: string, mentions: Mention[]): string[] {
  const problems: string[] = [];
  const splits = (o: number) => o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o));
  let previousEnd = 0;
  mentions.forEach((m, i) => {
    const { start, end } = m.span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) {
      problems.push(`mention ${i}: span [${start},${end}) outside [0,${text.length}] or empty`);
      return;
    }
    if (splits(start) || splits(end)) problems.push(`mention ${i}: span [${start},${end}) splits a surrogate pair`);
    if (text.slice(start, end) !== m.text) problems.push(`mention ${i}: text ${JSON.stringify(m.text)} is not the slice ${JSON.stringify(text.slice(start, end))}`);
    if (start < previousEnd) problems.push(`mention ${i}: span [${start},${end}) overlaps the previous mention`);
    previousEnd = end;
    if (m.qualifierSpan) {
      const q = m.qualifierSpan;
      if (!(0 <= q.start && q.start < q.end && q.end <= start)) problems.push(`mention ${i}: qualifier span [${q.start},${q.end}) not before the value at ${start}`);
      else if (m.qualifierText !== undefined && text.slice(q.start, q.end) !== m.qualifierText) problems.push(`mention ${i}: qualifier text ${JSON.stringify(m.qualifierText)} is not its slice`);
    }
    const v = m.value as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(v)) {
      if (typeof value === 'number' && Number.isNaN(value)) problems.push(`mention ${i}: value.${key} is NaN`);
    }
  });
  return problems;
}
