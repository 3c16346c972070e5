/**
 * Sentence splitting per block by the sentence boundary rules of UAX #29 (applied here for the
 * characters whose break class is known, by Intl.Segmenter otherwise), plus a re-join pass for
 * abbreviations the rules break after ("Feb. 17", "Dr. Smith", "U.S. officials").
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
  const sentences: Span[] = [];
  // The segmenter's spans are fresh objects, joined and trimmed in place.
  let current: Span | undefined;
  for (const span of segmentSpans(text)) {
    if (current && shouldJoin(text, current, span)) {
      current.end = span.end;
      continue;
    }
    if (current) pushTrimmed(text, current, sentences);
    current = span;
  }
  if (current) pushTrimmed(text, current, sentences);
  return sentences;
}

/** Adds `span` without its surrounding spaces to `sentences`, unless nothing is left of it. */
function pushTrimmed(text: string, span: Span, sentences: Span[]): void {
  let { start, end } = span;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) {
    span.start = start;
    span.end = end;
    sentences.push(span);
  }
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
    let start = offset;
    for (const stop of segmentEnds(last && offset === 0 ? text : text.slice(offset, end), offset)) {
      if (!last && stop > end - SEGMENT_MARGIN) break;
      spans.push({ start, end: stop });
      start = stop;
      next = stop;
    }
    if (last) break;
    // A sentence longer than a window: look again with a window twice as large.
    if (next === offset) {
      size *= 2;
      continue;
    }
    offset = next;
    size = SEGMENT_WINDOW;
  }
  return spans;
}

/** Where each sentence of `text` ends, plus `offset`: by {@link sentenceEnds} when it can, else by Intl.Segmenter. */
function segmentEnds(text: string, offset: number): number[] {
  const ends = sentenceEnds(text, offset);
  if (ends !== undefined) return ends;
  const icu: number[] = [];
  for (const segment of segmenter.segment(text)) icu.push(offset + segment.index + segment.segment.length);
  return icu;
}

// Sentence_Break classes of Unicode's sentence boundary rules (UAX #29), for the characters
// sentenceEnds knows; UNKNOWN sends a text to Intl.Segmenter.
const UNKNOWN = 0;
const OTHER = 1;
const CR = 2;
const LF = 3;
const SP = 4;
const LOWER = 5;
const UPPER = 6;
const NUMERIC = 7;
const ATERM = 8;
const STERM = 9;
const CLOSE = 10;
const SCONTINUE = 11;

/** The class of each ASCII code. */
const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x20; c < 0x7f; c++) table[c] = OTHER;
  table[9] = SP;
  table[10] = LF;
  table[13] = CR;
  table[32] = SP;
  for (let c = 97; c <= 122; c++) table[c] = LOWER;
  for (let c = 65; c <= 90; c++) table[c] = UPPER;
  for (let c = 48; c <= 57; c++) table[c] = NUMERIC;
  table[46] = ATERM;
  table[33] = STERM;
  table[63] = STERM;
  for (const c of '"\'()[]{}') table[c.charCodeAt(0)] = CLOSE;
  for (const c of ',-:;') table[c.charCodeAt(0)] = SCONTINUE;
  return table;
})();

/** The class of the other characters common in English prose. */
const OTHER_CLASS: ReadonlyMap<number, number> = new Map([
  [0xa0, SP], // no-break space
  [0xa3, OTHER], // £
  [0xa5, OTHER], // ¥
  [0xab, CLOSE], // «
  [0xbb, CLOSE], // »
  [0xe9, LOWER], // é
  [0x2013, SCONTINUE], // –
  [0x2014, SCONTINUE], // —
  [0x2018, CLOSE], // ‘
  [0x2019, CLOSE], // ’
  [0x201c, CLOSE], // “
  [0x201d, CLOSE], // ”
  [0x2026, OTHER], // …
  [0x20ac, OTHER], // €
  [0x20b9, OTHER], // ₹
]);

/** Classes per character of the text being split (reused: blocks are split one at a time). */
let classes = new Uint8Array(SEGMENT_WINDOW);

/**
 * Where each sentence of `text` ends (plus `offset`), by the sentence boundary rules of UAX #29 as
 * Intl.Segmenter applies them, for a text of at most {@link SEGMENT_WINDOW} characters all of which it
 * knows the class of; undefined for any other text. The segmenter costs far more per call than
 * these rules do on the short blocks of a draft.
 */
export function sentenceEnds(text: string, offset = 0): number[] | undefined {
  const n = text.length;
  if (n > SEGMENT_WINDOW) return undefined;
  if (classes.length < n) classes = new Uint8Array(n);
  const cls = classes;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const c = code < 128 ? (ASCII_CLASS[code] as number) : (OTHER_CLASS.get(code) ?? UNKNOWN);
    if (c === UNKNOWN) return undefined;
    cls[i] = c;
  }
  const ends: number[] = [];
  // SB8 looks ahead past anything but a letter, a paragraph break or a terminator; the stop it found
  // serves every later position up to it.
  let lookedFrom = -1;
  let stop = -1;
  for (let i = 1; i < n; i++) {
    const previous = cls[i - 1] as number;
    const current = cls[i] as number;
    // SB3, SB4: CR × LF; a paragraph separator ends a sentence.
    if (previous === CR && current === LF) continue;
    if (previous === CR || previous === LF) {
      ends.push(offset + i);
      continue;
    }
    // SB6, SB7: "3.5", "U.S".
    if (previous === ATERM && current === NUMERIC) continue;
    if (previous === ATERM && current === UPPER && i >= 2 && (cls[i - 2] === UPPER || cls[i - 2] === LOWER)) continue;
    // SB8–SB11 apply after a terminator, closing punctuation and spaces.
    let j = i - 1;
    while (j >= 0 && cls[j] === SP) j--;
    const spaced = j < i - 1;
    while (j >= 0 && cls[j] === CLOSE) j--;
    if (j < 0 || (cls[j] !== ATERM && cls[j] !== STERM)) continue;
    if (cls[j] === ATERM) {
      // SB8: no break when a lowercase letter comes before any other letter, paragraph break or terminator.
      if (i < lookedFrom || i > stop) {
        let k = i;
        while (k < n && !stopsLookAhead(cls[k] as number)) k++;
        lookedFrom = i;
        stop = k;
      }
      if (stop < n && cls[stop] === LOWER) continue;
    }
    // SB8a: a terminator followed by a continuation or another terminator.
    if (current === SCONTINUE || current === ATERM || current === STERM) continue;
    // SB9, SB10: closing punctuation and spaces stay with the sentence they follow.
    if (!spaced && current === CLOSE) continue;
    if (current === SP || current === CR || current === LF) continue;
    // SB11.
    ends.push(offset + i);
  }
  if (n > 0) ends.push(offset + n);
  return ends;
}

function stopsLookAhead(c: number): boolean {
  return c === UPPER || c === LOWER || c === CR || c === LF || c === ATERM || c === STERM;
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
