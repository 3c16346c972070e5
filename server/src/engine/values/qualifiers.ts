/**
 * Qualifiers that stand before a value and set its bound: "about", "more than", "before", "~".
 */
import type { Bound, ValueKind } from '../types';

/** A qualifier found before a value. */
export interface Qualifier {
  bound: Bound;
  /** Lowercase, single-spaced ("more than", "~"). */
  word: string;
  start: number;
  end: number;
}

const AMOUNT_BOUNDS: [string, Bound][] = [
  ['more than', 'gt'], ['greater than', 'gt'], ['in excess of', 'gt'], ['upwards of', 'gt'], ['over', 'gt'],
  ['above', 'gt'], ['at least', 'gte'], ['no less than', 'gte'], ['no fewer than', 'gte'], ['a minimum of', 'gte'],
  ['less than', 'lt'], ['fewer than', 'lt'], ['under', 'lt'], ['below', 'lt'], ['up to', 'lte'],
  ['at most', 'lte'], ['as much as', 'lte'], ['as many as', 'lte'], ['no more than', 'lte'],
  ['a maximum of', 'lte'], ['about', 'approx'], ['around', 'approx'], ['approximately', 'approx'],
  ['roughly', 'approx'], ['some', 'approx'], ['nearly', 'approx'], ['almost', 'approx'],
  ['close to', 'approx'], ['an estimated', 'approx'], ['circa', 'approx'],
];
const DATE_BOUNDS: [string, Bound][] = [
  ['before', 'lt'], ['prior to', 'lt'], ['after', 'gt'], ['no later than', 'lte'], ['not after', 'lte'],
  ['no earlier than', 'gte'], ['not before', 'gte'], ['about', 'approx'], ['around', 'approx'],
  ['approximately', 'approx'], ['roughly', 'approx'], ['circa', 'approx'],
];

function phraseRegex(entries: [string, Bound][], allowThe: boolean): RegExp {
  // Longer phrases first so "no more than" wins over "more than" at the same start.
  const alts = entries
    .map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|');
  const the = allowThe ? '(?:the\\s+)?' : '';
  // Applied to a short slice ending at the value, so the unanchored search stays constant-time.
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alts})[^\\S\\r\\n]*(?:\\r?\\n[^\\S\\r\\n]*)?${the}$`, 'iu');
}

const AMOUNT_RE = phraseRegex(AMOUNT_BOUNDS, false);
const DATE_RE = phraseRegex(DATE_BOUNDS, true);
const AMOUNT_MAP = new Map(AMOUNT_BOUNDS);
const DATE_MAP = new Map(DATE_BOUNDS);
const TILDE = /~[^\S\r\n]?$/;
const lastWordOf = (phrase: string): string => phrase.split(' ').pop() as string;
/** The words the phrases end on: the word before a value must be one of them for the phrase regex to match. */
const AMOUNT_FINAL_WORDS: ReadonlySet<string> = new Set(AMOUNT_BOUNDS.map(([w]) => lastWordOf(w)));
const DATE_FINAL_WORDS: ReadonlySet<string> = new Set(DATE_BOUNDS.map(([w]) => lastWordOf(w)));
const LOOKBACK = 40;

/** Qualifiers that read as "at most the stated figure, and close to it". */
export const BELOW_HEDGES: ReadonlySet<string> = new Set(['almost', 'nearly']);

/** The default qualifier word for a bound, by kind ("about" for approx money, "before" for lt dates). */
export function defaultQualifier(kind: ValueKind, bound: Bound): string {
  if (kind === 'date') {
    return { exact: '', approx: 'around', gt: 'after', gte: 'no earlier than', lt: 'before', lte: 'no later than' }[bound];
  }
  return { exact: '', approx: 'about', gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' }[bound];
}

/** The qualifier that ends right before `start` (only spaces between), for a value of `kind`. */
export function qualifierBefore(text: string, start: number, kind: ValueKind): Qualifier | undefined {
  if (kind === 'ordinal') return undefined;
  const from = Math.max(0, start - LOOKBACK);
  if (!mayEndInQualifier(text, from, start, kind === 'date' ? DATE_FINAL_WORDS : AMOUNT_FINAL_WORDS)) return undefined;
  const slice = text.slice(from, start);
  if (kind !== 'date') {
    const t = TILDE.exec(slice);
    if (t !== null) return { bound: 'approx', word: '~', start: from + t.index, end: from + t.index + 1 };
  }
  const m = (kind === 'date' ? DATE_RE : AMOUNT_RE).exec(slice);
  const phrase = m?.[1];
  if (m === null || phrase === undefined) return undefined;
  const word = phrase.toLowerCase().replace(/\s+/g, ' ');
  const bound = (kind === 'date' ? DATE_MAP : AMOUNT_MAP).get(word);
  if (bound === undefined) return undefined;
  return { bound, word, start: from + m.index, end: from + m.index + phrase.length };
}

/**
 * Whether the text from `from` to `end` may end in a qualifier: a tilde, or a word (letters and digits,
 * before trailing spaces) that ends one of the phrases. Answers yes whenever it cannot tell cheaply
 * (a character outside ASCII, or "the" before a date), so the regular expressions decide.
 */
function mayEndInQualifier(text: string, from: number, end: number, finals: ReadonlySet<string>): boolean {
  let i = end;
  while (i > from && isRegexSpace(text.charCodeAt(i - 1))) i--;
  const wordEnd = i;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c >= 128) return true;
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) break;
    i--;
  }
  if (i === wordEnd) return i > from && text.charCodeAt(i - 1) === 126 /* ~ */;
  const word = text.slice(i, wordEnd).toLowerCase();
  return word === 'the' || finals.has(word);
}

/** Whether a UTF-16 code is whitespace as `\s` reads it. */
function isRegexSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
