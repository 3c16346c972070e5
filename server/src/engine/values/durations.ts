/**
 * Durations: "nine months", "9 months", "a year", "18-month", "nine-month", "one and a half years".
 */
import type { DurationFormat, DurationValue } from '../types';
import type { Candidate } from './candidate';
import { type Tok, adjNext, isAlnumAt, isHyphen, spacedNext, tokAt } from './lexer';
import { formatDecimal, numberToWords, parseDigits, parseNumberWords } from './numbers';

type Unit = DurationValue['unit'];

const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map([
  ['day', 'day'], ['days', 'day'], ['week', 'week'], ['weeks', 'week'], ['wk', 'week'], ['wks', 'week'],
  ['month', 'month'], ['months', 'month'], ['mo', 'month'], ['mos', 'month'], ['quarter', 'quarter'],
  ['quarters', 'quarter'], ['year', 'year'], ['years', 'year'], ['yr', 'year'], ['yrs', 'year'],
  ['decade', 'decade'], ['decades', 'decade'],
]);
/** Unit words after "a" that make a duration ("a year"); "a quarter" is too often a fraction. */
export const ARTICLE_UNITS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year', 'decade']);

/** Days per unit (a month is 1/12 of a Gregorian year). */
export const UNIT_DAYS: Record<Unit, number> = {
  day: 1, week: 7, month: 30.436875, quarter: 91.310625, year: 365.2425, decade: 3652.425,
};
// "a year" means about twelve months, not anything from six to eighteen: one unit is read to the next finer unit.
const FINER: Partial<Record<Unit, Unit>> = { week: 'day', month: 'week', quarter: 'month', year: 'month', decade: 'year' };

/** Words before "a <unit>" that make it a rate ("$12 a month", "twice a year"), not a duration. */
const RATE_BEFORE = /(?:\d|[%$€£¥₹]|\b(?:once|twice|thrice|times|dollars?|euros?|pounds?|cents?|bn|mn|tn|[kmbt]|thousand|million|billion|trillion|each|per))[^\S\r\n]*(?:\r?\n[^\S\r\n]*)?$/iu;

/** The precision of a duration of `amount` units with `fracDigits` decimals written, in units. */
export function durationPrecision(amount: number, unit: Unit, fracDigits = 0): number {
  const finer = FINER[unit];
  if (amount === 1 && fracDigits === 0 && finer !== undefined) return UNIT_DAYS[finer] / UNIT_DAYS[unit];
  return 10 ** -fracDigits;
}

function unitAfter(text: string, numEnd: Tok, allowHyphen: boolean): { unit: Unit; tok: Tok; hyphenated: boolean } | undefined {
  const n = tokAt(text, numEnd.e);
  if (n === undefined) return undefined;
  let u: Tok | undefined;
  let hyphenated = false;
  if (n.s === numEnd.e) {
    if (!allowHyphen || !isHyphen(n)) return undefined;
    u = adjNext(text, n);
    hyphenated = true;
  } else {
    u = n;
  }
  if (u === undefined || u.k !== 'word') return undefined;
  const unit = UNIT_WORDS.get(u.t.toLowerCase());
  return unit === undefined ? undefined : { unit, tok: u, hyphenated };
}

/** A duration starting at token position `p`, if any. */
export function matchDuration(text: string, p: number): Candidate | undefined {
  const t = tokAt(text, p);
  if (t === undefined || t.s !== p || isAlnumAt(text, p - 1)) return undefined;
  let amount: number;
  let fracDigits = 0;
  let style: DurationFormat['numberStyle'];
  let numEnd: Tok;
  let precision: number | undefined;
  if (t.k === 'num') {
    const before = text.charAt(p - 1);
    if (before === '$' || before === '€' || before === '£' || before === '.' || before === ',') return undefined;
    const num = parseDigits(t.t);
    if (num === undefined) return undefined;
    amount = num.value;
    fracDigits = num.fracDigits;
    style = 'digits';
    numEnd = t;
  } else if (t.k === 'word') {
    const lower = t.t.toLowerCase();
    if (lower === 'a' || lower === 'an') {
      const u = spacedNext(text, t);
      if (u === undefined || !ARTICLE_UNITS.has(u.t.toLowerCase())) return undefined;
      if (RATE_BEFORE.test(text.slice(Math.max(0, p - 24), p))) return undefined;
      amount = 1;
      style = 'words';
      numEnd = t;
    } else {
      const words = parseNumberWords(text, t);
      if (words === undefined) return undefined;
      amount = words.value;
      style = 'words';
      numEnd = { s: t.s, e: words.end, t: '', k: 'word' };
      const and = spacedNext(text, numEnd);
      const a = and?.t.toLowerCase() === 'and' ? spacedNext(text, and) : undefined;
      const half = a?.t.toLowerCase() === 'a' ? spacedNext(text, a) : undefined;
      if (half !== undefined && half.t.toLowerCase() === 'half') {
        amount += 0.5;
        precision = 0.5;
        numEnd = half;
      }
    }
  } else {
    return undefined;
  }
  const u = unitAfter(text, numEnd, numEnd === t || style === 'words');
  if (u === undefined || (numEnd === t && t.k === 'word' && u.hyphenated)) return undefined;
  const value: DurationValue = {
    kind: 'duration',
    amount,
    unit: u.unit,
    bound: 'exact',
    precision: precision ?? durationPrecision(amount, u.unit, fracDigits),
  };
  return {
    start: p,
    end: u.tok.e,
    value,
    format: { kind: 'duration', numberStyle: style, unitText: u.tok.t, hyphenated: u.hyphenated },
    wholeNumber: fracDigits === 0 && precision === undefined && amount !== 1,
  };
}

const SINGULAR: Record<Unit, string> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year', decade: 'decade' };

function unitText(value: DurationValue, fmt: DurationFormat, draftUnit: Unit | undefined): string {
  const singular = fmt.hyphenated || value.amount === 1;
  const written = fmt.unitText;
  if (draftUnit === value.unit && written !== '') {
    const lower = written.toLowerCase();
    const isPlural = lower.endsWith('s') && UNIT_WORDS.get(lower.slice(0, -1)) === value.unit;
    const base = isPlural ? written.slice(0, -1) : written;
    return singular ? base : `${base}s`;
  }
  return singular ? SINGULAR[value.unit] : `${SINGULAR[value.unit]}s`;
}

/** The unit a written unit word names ("months" -> month). */
export function unitOfText(text: string): Unit | undefined {
  return UNIT_WORDS.get(text.toLowerCase());
}

/**
 * `value` written in `fmt` (without a qualifier). `article` keeps "a year" for one unit; `draftUnit` is the
 * unit the format's unit word names, so its spelling is kept only for the same unit.
 */
export function renderDuration(value: DurationValue, fmt: DurationFormat, article = false): string {
  const draftUnit = unitOfText(fmt.unitText);
  const n = value.amount;
  let num: string;
  if (fmt.numberStyle === 'words' && n === 1 && article && !fmt.hyphenated) num = 'a';
  else if (fmt.numberStyle === 'words' && Number.isInteger(n) && n >= 0) num = numberToWords(n);
  else if (fmt.numberStyle === 'words' && Number.isInteger(n - 0.5) && n > 0.5) num = `${numberToWords(n - 0.5)} and a half`;
  else num = formatDecimal(n, 6);
  return `${num}${fmt.hyphenated ? '-' : ' '}${unitText(value, fmt, draftUnit)}`;
}

/** The canonical spelling of a duration: words below ten ("nine months"), digits above ("18 months"). */
export function canonicalDurationFormat(value: DurationValue): DurationFormat {
  const words = Number.isInteger(value.amount * 2) && value.amount > 0 && value.amount < 10;
  return { numberStyle: words ? 'words' : 'digits', unitText: '', hyphenated: false };
}
