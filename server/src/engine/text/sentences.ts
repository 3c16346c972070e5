/**
 * Sentence splitting per block with Intl.Segmenter, plus a re-join pass for abbreviations the
 * segmenter breaks after ("Feb. 17", "Dr. Smith", "U.S. officials").
 */
import type { Span } from '../types';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations that never end a sentence (titles, months before a day or year). */
const NEVER_FINAL = /(?:^|[\s(])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|St|Mt|No|vs|approx|ca|cf|e\.g|i\.e)\.\s*$/;
/** Abbreviations that may end a sentence; re-joined only when the next segment cannot start one. */
const MAYBE_FINAL = /(?:^|[\s(])(?:Inc|Corp|Co|Ltd|Jr|Sr|etc|U\.S|U\.K|E\.U|a\.m|p\.m)\.\s*$/;

/** Splits `text` into trimmed sentence spans. */
export function splitSentences(text: string): Span[] {
  const raw: Span[] = [];
  for (const segment of segmenter.segment(text)) {
    raw.push({ start: segment.index, end: segment.index + segment.segment.length });
  }
  const joined: Span[] = [];
  for (const span of raw) {
    const previous = joined[joined.length - 1];
    if (previous && shouldJoin(text, previous, span)) previous.end = span.end;
    else joined.push({ ...span });
  }
  const sentences: Span[] = [];
  for (const span of joined) {
    let { start, end } = span;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) sentences.push({ start, end });
  }
  return sentences;
}

function shouldJoin(text: string, previous: Span, next: Span): boolean {
  const before = text.slice(Math.max(previous.start, previous.end - 12), previous.end);
  if (NEVER_FINAL.test(before)) return true;
  if (!MAYBE_FINAL.test(before)) return false;
  const first = text.slice(next.start, next.end).trimStart().charAt(0);
  return first !== '' && !/[A-Z"“(]/.test(first);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}
