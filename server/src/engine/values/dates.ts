/**
 * Dates at the granularity written: "February 17, 2026", "17 February 2026", "2026-02-17", "Feb. 17",
 * "December 2032", "Dec. 2032", "2032-12", "2032", "end of 2032", "late 2032", "mid-2026".
 */
import type { DateFormat, DateValue } from '../types';
import type { Candidate } from './candidate';
import { type Tok, adjNext, isAlnumAt, isCapitalised, isHyphen, spacedNext, tokAt } from './lexer';

const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SHORT_DOT = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** Lowercase month names and abbreviations to 1-12. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...LONG.map((m, i) => [m.toLowerCase(), i + 1] as [string, number]),
  ...SHORT.map((m, i) => [m.toLowerCase(), i + 1] as [string, number]),
  ['sept', 9],
]);
const LONG_NAMES: ReadonlySet<string> = new Set(LONG.map((m) => m.toLowerCase()));

const PARTS: ReadonlyMap<string, { part: NonNullable<DateValue['part']>; needsOf: boolean }> = new Map([
  ['end', { part: 'end', needsOf: true }], ['start', { part: 'start', needsOf: true }],
  ['beginning', { part: 'start', needsOf: true }], ['middle', { part: 'middle', needsOf: true }],
  ['late', { part: 'end', needsOf: false }], ['early', { part: 'start', needsOf: false }],
  ['mid', { part: 'middle', needsOf: false }],
]);
/** Words that open a part-of-period date ("end of 2032", "mid-2026"). */
export const PART_WORDS: ReadonlySet<string> = new Set(PARTS.keys());

// A four-digit number followed by one of these is a count or a measure, not a year.
const NOT_AFTER_YEAR: ReadonlySet<string> = new Set([
  'kb', 'mb', 'gb', 'tb', 'pb', 'kg', 'g', 'mg', 'lb', 'lbs', 'km', 'm', 'cm', 'mm', 'mi', 'ft', 'ms', 's', 'px',
  'pt', 'hz', 'khz', 'mhz', 'ghz', 'w', 'kw', 'mw', 'gw', 'kwh', 'mwh', 'gwh', 'x', 'percent', 'per', 'thousand',
  'million', 'billion', 'trillion', 'bn', 'mn', 'people', 'users', 'employees', 'staff', 'jobs', 'units', 'times',
  'words', 'characters', 'lines', 'pages', 'items', 'points', 'votes', 'calories', 'degrees', 'dollars', 'euros',
]);
const NOT_BEFORE_YEAR = new Set(['/', '.', ',', '$', '€', '£', '¥', '₹', '#', '@', '_', '\\', ':', '+', '=', '&', '%']);
// A four-digit number after one of these labels is an identifier ("page 2032", "flight 2032").
const LABEL_BEFORE_YEAR =
  /(?<![\p{L}\p{N}])(?:page|pages|p|pp|no|number|room|flight|section|chapter|version|v|item|line|rule|article|paragraph|figure|fig|table|step|level|episode|issue|vol|volume|ticket|bug|route|model|code|port|id)\.?[^\S\r\n]+$/iu;
const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)$/i;

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A four-digit year in 1000-2999 from a `num` token. */
function yearOf(tok: Tok | undefined): number | undefined {
  if (tok === undefined || tok.k !== 'num' || !/^\d{4}$/.test(tok.t)) return undefined;
  const y = Number(tok.t);
  return y >= 1000 && y <= 2999 ? y : undefined;
}

/** Whether what follows a number token ends it cleanly (no glued letters, digits or percent sign). */
function endsCleanly(text: string, tok: Tok): boolean {
  const n = adjNext(text, tok);
  if (n === undefined) return true;
  if (n.k !== 'punct') return false;
  return n.t !== '%' && n.t !== '/' && n.t !== '°';
}

/** Whether the year token `tok` stands alone as a year (1900-2099, not part of a number, path or measure). */
function isBareYear(text: string, tok: Tok): boolean {
  if (!/^\d{4}$/.test(tok.t)) return false;
  const y = Number(tok.t);
  if (y < 1900 || y > 2099) return false;
  const before = text.charAt(tok.s - 1);
  if (isAlnumAt(text, tok.s - 1) || NOT_BEFORE_YEAR.has(before)) return false;
  if (before === '-' && isAlnumAt(text, tok.s - 2)) return false;
  if (!endsCleanly(text, tok)) return false;
  if (LABEL_BEFORE_YEAR.test(text.slice(Math.max(0, tok.s - 12), tok.s))) return false;
  const n = spacedNext(text, tok);
  if (n !== undefined && (n.t === '%' || (n.k === 'word' && NOT_AFTER_YEAR.has(n.t.toLowerCase())))) return false;
  return true;
}

function monthStyleOf(word: string, dotted: boolean): DateFormat['monthStyle'] {
  if (LONG_NAMES.has(word.toLowerCase())) return 'long';
  return dotted ? 'shortDot' : 'short';
}

/** A capitalised month name at `tok` (with its abbreviation dot), if any. */
function monthAt(text: string, tok: Tok | undefined): { month: number; style: DateFormat['monthStyle']; end: Tok } | undefined {
  if (tok === undefined || tok.k !== 'word' || !isCapitalised(tok.t)) return undefined;
  const lower = tok.t.toLowerCase();
  const month = MONTHS.get(lower);
  if (month === undefined) return undefined;
  const dot = LONG_NAMES.has(lower) ? undefined : adjNext(text, tok);
  if (dot !== undefined && dot.t === '.') return { month, style: 'shortDot', end: dot };
  return { month, style: monthStyleOf(tok.t, false), end: tok };
}

/** A day-of-month at `tok` (1-31, optional "st"/"th"), with the token it ends on. */
function dayAt(text: string, tok: Tok | undefined): { day: number; end: Tok } | undefined {
  if (tok === undefined || tok.k !== 'num' || !/^\d{1,2}$/.test(tok.t)) return undefined;
  const day = Number(tok.t);
  if (day < 1 || day > 31) return undefined;
  let end = tok;
  const suffix = adjNext(text, tok);
  if (suffix !== undefined && suffix.k === 'word' && ORDINAL_SUFFIX.test(suffix.t)) end = suffix;
  if (!endsCleanly(text, end)) return undefined;
  return { day, end };
}

function candidate(start: number, end: number, value: Omit<DateValue, 'kind' | 'bound'>, format: DateFormat): Candidate {
  return { start, end, value: { kind: 'date', ...value, bound: 'exact' }, format: { kind: 'date', ...format }, wholeNumber: false };
}

/** "December 2032", "Feb. 17", "February 17, 2026" with the month at `tok`. */
function monthFirst(text: string, tok: Tok, partText: string, part: DateValue['part']): Candidate | undefined {
  const m = monthAt(text, tok);
  if (m === undefined) return undefined;
  const n = tokAt(text, m.end.e);
  const year = yearOf(n);
  if (n !== undefined && year !== undefined && endsCleanly(text, n)) {
    return candidate(tok.s, n.e, { year, month: m.month, granularity: 'month', ...(part ? { part } : {}) },
      { style: part ? 'part-y' : 'my', monthStyle: m.style, partText });
  }
  if (part !== undefined) return undefined;
  const d = dayAt(text, n);
  if (d === undefined || d.day > daysInMonth(undefined, m.month)) return undefined;
  let after = tokAt(text, d.end.e);
  if (after !== undefined && after.t === ',' && after.s === d.end.e) after = spacedNext(text, after);
  const y = yearOf(after);
  // February 29 of a common year keeps its year: read without it, a fix would leave the year behind
  // and make a new date ("29 Feb 1900" -> "31 Mar 1900").
  if (after !== undefined && y !== undefined && after.s > d.end.e && endsCleanly(text, after)) {
    return candidate(tok.s, after.e, { year: y, month: m.month, day: d.day, granularity: 'day' },
      { style: 'mdy', monthStyle: m.style, partText: '' });
  }
  return candidate(tok.s, d.end.e, { month: m.month, day: d.day, granularity: 'day' },
    { style: 'md', monthStyle: m.style, partText: '' });
}

/** "17 February 2026", "17 Feb." with the day at `tok`. */
function dayFirst(text: string, tok: Tok): Candidate | undefined {
  if (isAlnumAt(text, tok.s - 1) || NOT_BEFORE_YEAR.has(text.charAt(tok.s - 1))) return undefined;
  const d = dayAt(text, tok);
  if (d === undefined) return undefined;
  const mt = spacedNext(text, d.end);
  const m = monthAt(text, mt);
  if (m === undefined || d.day > daysInMonth(undefined, m.month)) return undefined;
  const yt = spacedNext(text, m.end);
  const y = yearOf(yt);
  if (yt !== undefined && y !== undefined && endsCleanly(text, yt)) {
    return candidate(tok.s, yt.e, { year: y, month: m.month, day: d.day, granularity: 'day' },
      { style: 'dmy', monthStyle: m.style, partText: '' });
  }
  return candidate(tok.s, m.end.e, { month: m.month, day: d.day, granularity: 'day' },
    { style: 'dm', monthStyle: m.style, partText: '' });
}

/** "2026-02-17", "2032-12", "2032" with the year at `tok`. */
function yearFirst(text: string, tok: Tok, partText: string, part: DateValue['part']): Candidate | undefined {
  const year = yearOf(tok);
  if (year === undefined) return undefined;
  const h1 = adjNext(text, tok);
  if (part === undefined && h1?.t === '-' && !isAlnumAt(text, tok.s - 1)) {
    const mt = adjNext(text, h1);
    if (mt !== undefined && /^\d{2}$/.test(mt.t) && Number(mt.t) >= 1 && Number(mt.t) <= 12) {
      const month = Number(mt.t);
      const h2 = adjNext(text, mt);
      if (h2?.t === '-') {
        const dt = adjNext(text, h2);
        if (dt === undefined || !/^\d{2}$/.test(dt.t)) return undefined;
        const day = Number(dt.t);
        if (day < 1 || day > daysInMonth(year, month) || adjNext(text, dt)?.k === 'num') return undefined;
        return candidate(tok.s, dt.e, { year, month, day, granularity: 'day' }, { style: 'iso', monthStyle: 'long', partText: '' });
      }
      if (!endsCleanly(text, mt)) return undefined;
      return candidate(tok.s, mt.e, { year, month, granularity: 'month' }, { style: 'iso-month', monthStyle: 'long', partText: '' });
    }
  }
  if (part === undefined ? !isBareYear(text, tok) : !endsCleanly(text, tok)) return undefined;
  return candidate(tok.s, tok.e, { year, granularity: 'year', ...(part ? { part } : {}) },
    { style: part ? 'part-y' : 'y', monthStyle: 'long', partText });
}

/** "end of 2032", "late 2032", "mid-2026", "early March 2026" with the part word at `tok`. */
function partFirst(text: string, tok: Tok): Candidate | undefined {
  const info = PARTS.get(tok.t.toLowerCase());
  if (info === undefined || isAlnumAt(text, tok.s - 1)) return undefined;
  let n = tokAt(text, tok.e);
  if (n === undefined) return undefined;
  if (info.needsOf) {
    if (n.s > tok.e && n.t.toLowerCase() === 'of') n = spacedNext(text, n);
    else if (!(isHyphen(n) && n.s === tok.e)) return undefined;
    else n = adjNext(text, n);
  } else if (isHyphen(n) && n.s === tok.e) {
    n = adjNext(text, n);
  } else if (n.s === tok.e) {
    return undefined;
  }
  if (n === undefined) return undefined;
  const partText = text.slice(tok.s, n.s);
  const inner = n.k === 'num' ? yearFirst(text, n, partText, info.part) : monthFirst(text, n, partText, info.part);
  if (inner === undefined) return undefined;
  return { ...inner, start: tok.s };
}

/** A date starting at token position `p`, if any. */
export function matchDate(text: string, p: number): Candidate | undefined {
  const t = tokAt(text, p);
  if (t === undefined || t.s !== p) return undefined;
  if (t.k === 'word') {
    if (MONTHS.has(t.t.toLowerCase())) return monthFirst(text, t, '', undefined);
    return partFirst(text, t);
  }
  if (t.k !== 'num') return undefined;
  return t.t.length === 4 ? yearFirst(text, t, '', undefined) : dayFirst(text, t);
}

/** Days since 1970-01-01 UTC of a calendar day (months past 12 roll into the next year). */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** The month name of 1-12 in a style. */
export function monthName(month: number, style: DateFormat['monthStyle']): string {
  const list = style === 'long' ? LONG : style === 'short' ? SHORT : SHORT_DOT;
  return list[month - 1] ?? String(month);
}

const CANONICAL_PART: Record<NonNullable<DateValue['part']>, string> = { start: 'early ', middle: 'mid-', end: 'late ' };

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The style `style` brought to the granularity of `value` (a day style for a month-only value becomes "my"). */
export function adaptDateStyle(style: DateFormat['style'], value: DateValue): DateFormat['style'] {
  const noYear = value.year === undefined;
  if (value.granularity === 'day') {
    if (style === 'dmy' || style === 'dm') return noYear ? 'dm' : style === 'dm' ? 'dm' : 'dmy';
    if (style === 'iso') return noYear ? 'md' : 'iso';
    if (style === 'md') return 'md';
    return noYear ? 'md' : 'mdy';
  }
  if (value.granularity === 'month') return style === 'iso' || style === 'iso-month' ? 'iso-month' : 'my';
  return 'y';
}

/** `value` written in `fmt` (its style adapted to the value's granularity), without a qualifier. */
export function renderDate(value: DateValue, fmt: DateFormat): string {
  const style = adaptDateStyle(fmt.style, value);
  const m = value.month ?? 1;
  const mn = monthName(m, fmt.monthStyle);
  const y = value.year === undefined ? '' : String(value.year);
  let core: string;
  switch (style) {
    case 'mdy': core = `${mn} ${value.day ?? 1}, ${y}`; break;
    case 'dmy': core = `${value.day ?? 1} ${mn} ${y}`; break;
    case 'iso': core = `${y}-${pad(m)}-${pad(value.day ?? 1)}`; break;
    case 'md': core = `${mn} ${value.day ?? 1}`; break;
    case 'dm': core = `${value.day ?? 1} ${mn}`; break;
    case 'iso-month': core = `${y}-${pad(m)}`; break;
    case 'my': core = `${mn} ${y}`; break;
    default: core = y;
  }
  if (value.part === undefined) return core;
  const partText = fmt.partText !== '' ? fmt.partText : CANONICAL_PART[value.part];
  return `${partText}${core}`;
}

/** The canonical spelling of a date: "February 17, 2026", "December 2032", "2032", "late 2032". */
export function canonicalDateFormat(value: DateValue): DateFormat {
  const style = value.granularity === 'day' ? (value.year === undefined ? 'md' : 'mdy') : value.granularity === 'month' ? 'my' : 'y';
  return { style: value.part !== undefined && style === 'y' ? 'part-y' : style, monthStyle: 'long', partText: '' };
}
