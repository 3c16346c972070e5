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
