/**
 * Ordinals: "first".."twentieth", "twenty-first", "1st", "2nd", "21st".
 */
import type { OrdinalFormat, OrdinalValue } from '../types';
import type { Candidate } from './candidate';
import { adjNext, isAlnumAt, isHyphen, tokAt } from './lexer';
import { ORDINAL_VALUE, TENS_VALUE, ordinalSuffix, ordinalToDigits, ordinalToWords } from './numbers';

// "a second", "per second", "30-second": the unit of time, not the ordinal.
const SECOND_TIME_BEFORE = /(?:\b(?:a|per|each|every|one|split)[^\S\r\n]+|\d[^\S\r\n]*|\d-)$/i;

function candidate(start: number, end: number, n: number, numberStyle: OrdinalFormat['numberStyle']): Candidate {
  const value: OrdinalValue = { kind: 'ordinal', n, bound: 'exact' };
  return { start, end, value, format: { kind: 'ordinal', numberStyle }, wholeNumber: false };
}

/** An ordinal starting at token position `p`, if any. */
export function matchOrdinal(text: string, p: number): Candidate | undefined {
  const t = tokAt(text, p);
  if (t === undefined || t.s !== p || isAlnumAt(text, p - 1)) return undefined;
  if (t.k === 'num') {
    if (!/^\d{1,4}$/.test(t.t)) return undefined;
    const n = Number(t.t);
    const s = adjNext(text, t);
    if (s === undefined || s.k !== 'word' || s.t.toLowerCase() !== ordinalSuffix(n)) return undefined;
    return candidate(p, s.e, n, 'digits');
  }
  if (t.k !== 'word') return undefined;
  const lower = t.t.toLowerCase();
  const single = ORDINAL_VALUE.get(lower);
  if (single !== undefined) {
    if (lower === 'second' && SECOND_TIME_BEFORE.test(text.slice(Math.max(0, p - 12), p))) return undefined;
    return candidate(p, t.e, single, 'words');
  }
  const tens = TENS_VALUE.get(lower);
  if (tens === undefined) return undefined;
  const h = adjNext(text, t);
  const u = h !== undefined && isHyphen(h) ? adjNext(text, h) : undefined;
  const unit = u !== undefined && u.k === 'word' ? ORDINAL_VALUE.get(u.t.toLowerCase()) : undefined;
  if (u === undefined || unit === undefined || unit >= 10) return undefined;
  return candidate(p, u.e, tens + unit, 'words');
}

/** `value` written in `fmt`. */
export function renderOrdinal(value: OrdinalValue, fmt: OrdinalFormat): string {
  return fmt.numberStyle === 'words' ? ordinalToWords(value.n) : ordinalToDigits(value.n);
}

/** The canonical spelling of an ordinal: words through ninth ("first"), digits after ("21st"). */
export function canonicalOrdinalFormat(value: OrdinalValue): OrdinalFormat {
  return { numberStyle: value.n >= 1 && value.n <= 9 ? 'words' : 'digits' };
}
