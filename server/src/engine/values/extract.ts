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

/** Whether the code point at `i` is a letter (`\p{L}`); for a letter outside the BMP, at its first code unit. */
const LETTER = /\p{L}/uy;

/** The length in code units of the letter at `i`, or 0 when there is none. */
function letterAt(text: string, i: number, code: number): number {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? 1 : 0;
  LETTER.lastIndex = i;
  if (!LETTER.test(text)) return 0;
  return LETTER.lastIndex - i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isCurrencySign(code: number): boolean {
  return code === 36 || code === 0x20ac || code === 0xa3 || code === 0xa5 || code === 0x20b9;
}

/** A key of up to three ASCII letters, lowercased (1–26 each, 0 past the end), or -1 when a letter is not ASCII. */
function prefixKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < start + 3; i++) {
    let letter = 0;
    if (i < end) {
      const code = text.charCodeAt(i) | 32;
      if (code < 97 || code > 122) return -1;
      letter = code - 96;
    }
    key = key * 32 + letter;
  }
  return key;
}

/**
 * The first three letters (lowercased) of every word some matcher can start on: a word whose first
 * three letters are not here starts no value, and needs neither slicing nor a lookup.
 */
const STARTS: Uint8Array = (() => {
  const table = new Uint8Array(32 * 32 * 32);
  for (const word of [...WORD_MATCHERS.keys(), ...CURRENCY_CODES, ...DOLLAR_PREFIXES.keys()]) {
    const key = prefixKey(word, 0, word.length);
    if (key >= 0) table[key] = 1;
    // A word with a letter outside ASCII in its first three is looked up in full, whatever this says.
  }
  return table;
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
  // The anchors are the matches of /\d+(?:[.,]\d+)*|[$€£¥₹]|\p{L}+/gu, read without the regular
  // expression: most are words that start no value, and need no string of their own.
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const start = i;
    let bits: number;
    if (isDigit(code)) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      while (i + 1 < n && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) && isDigit(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      bits = ALL;
    } else if (isCurrencySign(code)) {
      i++;
      bits = MONEY;
    } else {
      let width = letterAt(text, i, code);
      if (width === 0) {
        i++;
        continue;
      }
      while (width > 0) {
        i += width;
        width = i < n ? letterAt(text, i, text.charCodeAt(i)) : 0;
      }
      if (i - start > 11) continue;
      const key = prefixKey(text, start, i);
      if (key >= 0 && STARTS[key] === 0) continue;
      bits = matchersFor(text, text.slice(start, i), i);
    }
    if (bits === 0) continue;
    const c = best(text, start, bits);
    if (c === undefined) continue;
    out.push(withQualifier(text, c));
    i = c.end;
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
