/**
 * Intervals of typed values and whether a draft value agrees with a source value.
 */
import type { DateValue, Interval, Value } from '../types';
import { dayNumber } from './dates';
import { UNIT_DAYS, durationPrecision } from './durations';
import { BELOW_HEDGES } from './qualifiers';

// A year-less date compared with another year-less date needs some year; a leap year keeps Feb. 29 valid.
const FALLBACK_YEAR = 2000;

function bounded(value: Value, lo: number, hi: number, mid: number): Interval {
  switch (value.bound) {
    case 'gt':
    case 'gte':
      return { lo: mid, hi: Infinity };
    case 'lt':
    case 'lte':
      return { lo: -Infinity, hi: mid };
    case 'approx':
      return (value.kind === 'money' || value.kind === 'duration') && value.qualifier !== undefined && BELOW_HEDGES.has(value.qualifier) ? { lo, hi: mid } : { lo, hi };
    default:
      return { lo, hi };
  }
}

function dateInterval(value: DateValue, reference?: Value): Interval {
  const refYear = reference?.kind === 'date' ? reference.year : undefined;
  const y = value.year ?? refYear ?? FALLBACK_YEAR;
  let lo: number;
  let hi: number;
  if (value.granularity === 'day' && value.month !== undefined && value.day !== undefined) {
    lo = dayNumber(y, value.month, value.day);
    hi = lo + 1;
  } else if (value.granularity !== 'year' && value.month !== undefined) {
    lo = dayNumber(y, value.month, 1);
    hi = dayNumber(y, value.month + 1, 1);
  } else {
    lo = dayNumber(y, 1, 1);
    hi = dayNumber(y + 1, 1, 1);
  }
  if (value.part !== undefined) {
    const third = (hi - lo) / 3;
    if (value.part === 'start') hi = lo + third;
    else if (value.part === 'middle') [lo, hi] = [lo + third, lo + 2 * third];
    else lo = hi - third;
  }
  // For one-sided bounds "before X" means before X starts and "after X" after X ends.
  if (value.bound === 'lt' || value.bound === 'lte') return { lo: -Infinity, hi: lo };
  if (value.bound === 'gt' || value.bound === 'gte') return { lo: hi, hi: Infinity };
  return { lo, hi };
}

/** A hedge drops trailing zeros from the precision ("about $20 billion"), but never beyond a fifth of
 * the amount: "about ten years" is not "almost seven years". */
const HEDGE_SHARE = 0.2;

function hedgedPrecision(value: Value, precision: number, amount: number): number {
  return value.bound === 'approx' ? Math.min(precision, Math.max(HEDGE_SHARE * Math.abs(amount), Number.MIN_VALUE)) : precision;
}

/**
 * The numeric interval a value stands for, at its stated precision and bound. Money: currency units.
 * Dates: days since 1970-01-01 UTC (a year-less date like "Feb. 17" takes the year of `reference` when
 * given, else 2000). Durations: days (month = 30.436875 days, year = 365.2425). Ordinals: n.
 */
export function valueInterval(value: Value, reference?: Value): Interval {
  switch (value.kind) {
    case 'money': {
      const p = hedgedPrecision(value, value.precision > 0 && Number.isFinite(value.precision) ? value.precision : 1, value.amount);
      return bounded(value, value.amount - p / 2, value.amount + p / 2, value.amount);
    }
    case 'date':
      return dateInterval(value, reference);
    case 'duration': {
      const p = hedgedPrecision(value, value.precision !== undefined && value.precision > 0 ? value.precision : durationPrecision(value.amount, value.unit), value.amount);
      const d = UNIT_DAYS[value.unit];
      return bounded(value, (value.amount - p / 2) * d, (value.amount + p / 2) * d, value.amount * d);
    }
    default:
      return bounded(value, value.n - 0.5, value.n + 0.5, value.n);
  }
}

/**
 * Whether two intervals agree: they overlap with positive width and, when both are bounded, the middle
 * of the narrower one lies strictly inside the wider one (the more precise figure must round to the
 * coarser one, so "$8 billion" does not agree with an exact "$8.5 billion").
 */
export function intervalsAgree(a: Interval, b: Interval): boolean {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (!(lo < hi)) return false;
  const bounded = Number.isFinite(a.lo) && Number.isFinite(a.hi) && Number.isFinite(b.lo) && Number.isFinite(b.hi);
  if (!bounded) return true;
  const [narrow, wide] = a.hi - a.lo <= b.hi - b.lo ? [a, b] : [b, a];
  const mid = (narrow.lo + narrow.hi) / 2;
  return wide.lo < mid && mid < wide.hi;
}

/**
 * Whether a draft value agrees with a source value: same kind (and currency), intervals overlapping with
 * positive width (see {@link intervalsAgree}), the source interval optionally widened by `tolerance` on
 * each side (in the units of {@link valueInterval}).
 */
export function agrees(draft: Value, source: Value, tolerance?: number): boolean {
  if (draft.kind !== source.kind) return false;
  if (draft.kind === 'money' && source.kind === 'money' && draft.currency !== source.currency) return false;
  const d = valueInterval(draft, source);
  const s = valueInterval(source, draft);
  const tol = tolerance !== undefined && tolerance > 0 ? tolerance : 0;
  return intervalsAgree(d, { lo: s.lo - tol, hi: s.hi + tol });
}
