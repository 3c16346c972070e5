/**
 * Finding typed value mentions in plain text, and parsing a whole string as one value.
 */
import type { ParsedValue } from '../api';
import type { Mention, Value } from '../types';
import type { Candidate } from './candidate';
import { matchDate, MONTHS, PART_WORDS } from './dates';
import { matchDuration } from './durations';
import { CURRENCY_CODES, DOLLAR_PREFIXES, matchMoney } from './money';
import { hedgedPrecision, ORDINAL_VALUE, SMALL_VALUE, TENS_VALUE } from './numbers';
import { matchOrdinal } from './ordinals';
import { qualifierBefore } from './qualifiers';

// Cheap reject: every mention holds a digit, a currency sign, or one of these word starts.
const PRECHECK =
  /[\d$€£¥₹]|\b(?:zero|one|two|thr|thi|fou|for|fiv|fif|six|sev|eig|nin|ten|ele|twe|hun|tho|mil|bil|tri|fir|sec|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|year|month|week|day|decade|quarter)/i;
const CURRENCY_SIGNS = '$€£¥₹';
const ANCHOR = /\d+(?:[.,]\d+)*|[$€£¥₹]|\p{L}+/gu;

// What each kind of anchor can start, so common words like "a" try only the matchers that can use them.
const MONEY = 1;
const DATE = 2;
const DURATION = 4;
const ORDINAL = 8;
const ALL = MONEY | DATE | DURATION | ORDINAL;

const WORD_MATCHERS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const add = (words: Iterable<string>, bits: number) => {
    for (const w of words) map.set(w, (map.get(w) ?? 0) | bits);
  };
  add(SMALL_VALUE.keys(), MONEY | DURATION);
  add(TENS_VALUE.keys(), MONEY | DURATION | ORDINAL);
  add(['a', 'an'], MONEY | DURATION);
  add(ORDINAL_VALUE.keys(), ORDINAL);
  add(MONTHS.keys(), DATE);
  add(PART_WORDS, DATE);
  return map;
})();

function matchersFor(text: string, word: string, end: number): number {
  const c = word.charAt(0);
  if (c >= '0' && c <= '9') return ALL;
  if (CURRENCY_SIGNS.includes(c)) return MONEY;
  if (word.length > 11) return 0;
  // Most words are lowercase already; lowercasing every word of a large draft is the hot path.
  const upper = c !== c.toLowerCase();
  const bits = (upper ? WORD_MATCHERS.get(word.toLowerCase()) : WORD_MATCHERS.get(word)) ?? 0;
  if (upper && (CURRENCY_CODES.has(word) || (DOLLAR_PREFIXES.has(word) && text.charAt(end) === '$'))) return bits | MONEY;
  return bits;
}

const KIND_ORDER = { money: 0, date: 1, duration: 2, ordinal: 3 } as const;

function consider(top: Candidate | undefined, c: Candidate | undefined): Candidate | undefined {
  if (c === undefined) return top;
  if (top === undefined || c.end > top.end || (c.end === top.end && KIND_ORDER[c.value.kind] < KIND_ORDER[top.value.kind])) return c;
  return top;
}

function best(text: string, p: number, bits: number): Candidate | undefined {
  let top: Candidate | undefined;
  if (bits & MONEY) top = consider(top, matchMoney(text, p));
  if (bits & DATE) top = consider(top, matchDate(text, p));
  if (bits & DURATION) top = consider(top, matchDuration(text, p));
  if (bits & ORDINAL) top = consider(top, matchOrdinal(text, p));
  return top;
}

function withQualifier(text: string, c: Candidate): Mention {
  const q = qualifierBefore(text, c.start, c.value.kind);
  let value: Value = c.value;
  if (q !== undefined && value.kind !== 'ordinal') {
    value = { ...value, bound: q.bound, qualifier: q.word };
    if (q.bound === 'approx' && c.wholeNumber) {
      if (value.kind === 'money') value = { ...value, precision: hedgedPrecision(value.amount, value.precision) };
      else if (value.kind === 'duration') value = { ...value, precision: hedgedPrecision(value.amount, value.precision ?? 1) };
    }
  }
  const mention: Mention = { value, format: c.format, span: { start: c.start, end: c.end }, text: text.slice(c.start, c.end) };
  if (q !== undefined && value.kind !== 'ordinal') {
    mention.qualifierSpan = { start: q.start, end: q.end };
    mention.qualifierText = text.slice(q.start, q.end);
  }
  return mention;
}

/**
 * All typed value mentions in plain text, sorted by span.start, non-overlapping (longest wins).
 * Offsets are UTF-16 into `text`.
 */
export function extractMentions(text: string): Mention[] {
  if (!PRECHECK.test(text)) return [];
  const out: Mention[] = [];
  const anchor = ANCHOR;
  anchor.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = anchor.exec(text)) !== null) {
    const bits = matchersFor(text, m[0], m.index + m[0].length);
    if (bits === 0) continue;
    const c = best(text, m.index, bits);
    if (c === undefined) continue;
    out.push(withQualifier(text, c));
    anchor.lastIndex = c.end;
  }
  return out;
}

/**
 * Parses a whole string (e.g. from a fact file: "about $21 billion", "December 2032", "nine months",
 * "February 17, 2026", "almost seven years", "first") that must be exactly one value with an optional
 * qualifier.
 */
export function parseValueText(text: string): ParsedValue {
  const trimmed = text.trim();
  const mentions = extractMentions(trimmed);
  const first = mentions[0];
  if (first === undefined) return { error: `"${trimmed}" is not an amount of money, a date, a duration or an ordinal.` };
  if (mentions.length > 1) {
    return { error: `"${trimmed}" holds more than one value (${mentions.map((m) => `"${m.text}"`).join(', ')}).` };
  }
  const start = first.qualifierSpan?.start ?? first.span.start;
  if (start !== 0) return { error: `Unexpected "${trimmed.slice(0, start).trim()}" before the value "${first.text}".` };
  const rest = trimmed.slice(first.span.end);
  if (rest !== '' && rest !== '.') return { error: `Unexpected "${rest.trim()}" after the value "${first.text}".` };
  return { value: first.value, format: first.format };
}
