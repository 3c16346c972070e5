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

/**
 * The segmenter is fed windows of this many characters. V8's segment iterator costs time in
 * proportion to the whole string at each step, so one long paragraph cost the square of its length
 * (8,000 sentences on one line: 4 s; 25,000: minutes); per window it is linear.
 */
export const SEGMENT_WINDOW = 4096;
/** A break is taken from a window only with this many characters after it, for the rules' look-ahead. */
const SEGMENT_MARGIN = 256;

/** Splits `text` into trimmed sentence spans. */
export function splitSentences(text: string): Span[] {
  const raw = segmentSpans(text);
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

/**
 * The segmenter's sentences, as spans of `text`. A long text is segmented window by window: each
 * window keeps the breaks that have {@link SEGMENT_MARGIN} characters of text after them, and the
 * next window starts at the last break kept, where the segmenter would have started a sentence too.
 */
export function segmentSpans(text: string): Span[] {
  const spans: Span[] = [];
  let offset = 0;
  let size = SEGMENT_WINDOW;
  while (offset < text.length) {
    const end = Math.min(text.length, offset + size);
    const last = end === text.length;
    let next = offset;
    for (const segment of segmenter.segment(last && offset === 0 ? text : text.slice(offset, end))) {
      const start = offset + segment.index;
      const stop = start + segment.segment.length;
      if (!last && stop > end - SEGMENT_MARGIN) break;
      spans.push({ start, end: stop });
      next = stop;
    }
    if (last) break;
    // A sentence longer than the window: look again with a window twice as large.
    if (next === offset) {
      size *= 2;
      continue;
    }
    offset = next;
    size = SEGMENT_WINDOW;
  }
  return spans;
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
