/**
 * What `sourcecheck explain FILE:LINE` prints and the hover summarises: for each value on a line, its
 * claim frame and every fact considered for it, with why it was taken or ruled out.
 */
import { analyzeDocument, mentionSource } from '../analyze';
import type { FactBase, Range } from '../types';
import { withDraftContext } from './context';
import type { ClaimFrame } from './frame';

/** One fact considered for a value. */
export interface CandidateExplanation {
  factId: string;
  /** The fact's value as its source states it. */
  factValue?: string;
  /** "taken: agrees", "ruled out: measures debt, the fact facility", … */
  outcome: string;
  score?: number;
}

/** One value on the line. */
export interface ValueExplanation {
  text: string;
  range: Range;
  /** The frame in a few words ("measures deal · end of a span"). */
  frame: string;
  /** The final verdict after the draft's context: agrees, disagrees, a repeat, or not compared. */
  verdict: string;
  candidates: CandidateExplanation[];
}

/** One sentence that overlaps the line. */
export interface SentenceExplanation {
  text: string;
  range: Range;
  parties: string[];
  values: ValueExplanation[];
}

/** Explains every value of the sentences on `line` (0-based) of a draft. */
export function explainLine(text: string, base: FactBase, line: number): SentenceExplanation[] {
  const lineStart = offsetOfLine(text, line);
  if (lineStart === undefined) throw new RangeError(`line ${line + 1} is past the end of the draft (${text.split('\n').length} lines)`);
  const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
  const analysis = analyzeDocument(text, base, { start: lineStart, end: lineEnd });
  const withContext = withDraftContext(analysis.sentences, analysis.lexicon);
  const explained: SentenceExplanation[] = [];
  withContext.forEach((sentence) => {
    if (sentence.source.end < lineStart || sentence.source.start > lineEnd) return;
    const values: ValueExplanation[] = sentence.mentions.map((mention, index) => {
      const span = mentionSource(sentence, mention.span);
      const match = sentence.matches.find((m) => m.mention === mention);
      let verdict = 'not compared with any fact';
      if (match) {
        const how = match.verdict === 'agrees' ? 'agrees with' : 'disagrees with';
        verdict = `${how} ${match.fact.id}${match.repeatOf ? ` (repeats a figure stated on line ${analysis.lines.rangeOf(match.repeatOf.start, match.repeatOf.end).start.line + 1})` : ''}${match.fromContext ? ' (the fact the draft already established)' : ''}`;
      } else if (sentence.unsupported.includes(mention)) verdict = 'no fact speaks to it (unsupported hint)';
      const candidates = (sentence.trace ?? [])
        .filter((t) => t.mention === mention)
        .map((t) => {
          const c: CandidateExplanation = { factId: t.fact.id, outcome: t.outcome };
          if (t.fact.valueText !== undefined) c.factValue = t.fact.valueText;
          if (t.score !== undefined) c.score = Math.round(t.score * 100) / 100;
          return c;
        });
      return { text: mention.text, range: analysis.lines.rangeOf(span.start, span.end), frame: describeFrame(sentence.frames[index]), verdict, candidates: dedupe(candidates) };
    });
    explained.push({
      text: analysis.text.slice(sentence.source.start, sentence.source.end),
      range: analysis.lines.rangeOf(sentence.source.start, sentence.source.end),
      parties: sentence.parties,
      values,
    });
  });
  return explained;
}

/** Whether the reader found anything beside the value (a thing, an instance, a role…). */
export function hasReading(frame: ClaimFrame): boolean {
  return describeFrame(frame) !== NOTHING_READ;
}

const NOTHING_READ = 'nothing read beside the value';

/** A frame in a few words, for explain and the hover. */
export function describeFrame(frame: ClaimFrame | undefined): string {
  if (!frame) return 'no frame';
  const parts: string[] = [];
  if (frame.thing !== undefined) parts.push(`measures ${frame.thingText ?? frame.thing}${frame.thingText && frame.thingText.toLowerCase() !== frame.thing ? ` (${frame.thing})` : ''}`);
  if (frame.instance) parts.push(`${frame.instance} instance ("${frame.instanceText}")`);
  if (frame.aggregate) parts.push(`${frame.aggregate} ("${frame.aggregateText}")`);
  if (frame.role === 'start' || frame.role === 'end') parts.push(`${frame.role} of a span${frame.partner ? ` (with ${frame.partner.text})` : ''}`);
  if (frame.role === 'within') parts.push(`one end of a range${frame.partner ? ` (with ${frame.partner.text})` : ''}`);
  if (frame.per) parts.push(`per ${frame.per}`);
  if (frame.change) parts.push('a change');
  if (frame.when !== undefined) parts.push(`in ${frame.when}`);
  if (frame.stranger) parts.push(`about ${frame.stranger}`);
  if (frame.event) parts.push(`dates "${frame.event}"`);
  if (frame.negated) parts.push('denied');
  if (frame.loose) parts.push(frame.loose);
  return parts.length > 0 ? parts.join(' · ') : NOTHING_READ;
}

function dedupe(list: CandidateExplanation[]): CandidateExplanation[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.factId}\u0000${c.outcome}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function offsetOfLine(text: string, line: number): number | undefined {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  return offset;
}
