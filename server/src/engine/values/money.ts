/**
 * Money: "$21 billion", "US$21bn", "USD 21 billion", "21 billion dollars", "twenty-one billion dollars",
 * "$21,000,000,000", "€5m", "£3bn".
 */
import type { MoneyFormat, MoneyValue } from '../types';
import type { Candidate } from './candidate';
import { type Tok, adjNext, isAlnumAt, spacedNext, tokAt } from './lexer';
import { formatDecimal, formatGrouped, numberToWords, parseDigits, parseNumberWords, scaleBy } from './numbers';

const SYMBOLS: ReadonlyMap<string, string> = new Map([['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR']]);
/** Letters written before `$` ("US$", "A$", "HK$"). */
export const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['US', 'USD'], ['A', 'AUD'], ['AU', 'AUD'], ['C', 'CAD'], ['CA', 'CAD'], ['HK', 'HKD'], ['NZ', 'NZD'], ['S', 'SGD'],
]);
/** ISO codes recognised before or after an amount. */
export const CURRENCY_CODES: ReadonlySet<string> = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'CNY', 'INR', 'HKD', 'SGD', 'NZD',
]);
const SUFFIX_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'], ['dollar', 'USD'], ['euros', 'EUR'], ['euro', 'EUR'], ['pounds', 'GBP'], ['pound', 'GBP'], ['yen', 'JPY'],
]);
const SCALE_EXP: ReadonlyMap<string, number> = new Map([
  ['thousand', 3], ['k', 3], ['million', 6], ['mn', 6], ['mln', 6], ['m', 6], ['billion', 9], ['bn', 9], ['bln', 9],
  ['b', 9], ['trillion', 12], ['tn', 12], ['trn', 12], ['t', 12],
]);
// Single letters only count glued to the number ("$21B"); "$21 B" is not a scale.
const SPACED_SCALES: ReadonlySet<string> = new Set(['thousand', 'million', 'billion', 'trillion', 'mn', 'mln', 'bn', 'bln', 'tn', 'trn']);
const WORD_SCALES: ReadonlySet<string> = new Set(['million', 'billion', 'trillion']);

interface ScaleRead {
  word: string;
  exp: number;
  spaced: boolean;
  end: number;
}

/** The scale word after a number ending with `numTok`; `null` when letters glued to the number rule money out. */
function readScale(text: string, numTok: Tok, wordsOnly: boolean): ScaleRead | undefined | null {
  const n = tokAt(text, numTok.e);
  if (n === undefined) return undefined;
  const adjacent = n.s === numTok.e;
  if (adjacent && n.k === 'punct' && n.t === '%') return null;
  if (n.k !== 'word') return undefined;
  const lower = n.t.toLowerCase();
  const exp = SCALE_EXP.get(lower);
  if (adjacent) {
    if (exp === undefined || wordsOnly) return null;
    return { word: n.t, exp, spaced: false, end: n.e };
  }
  if (exp === undefined || !(wordsOnly ? WORD_SCALES : SPACED_SCALES).has(lower)) return undefined;
  return { word: n.t, exp, spaced: true, end: n.e };
}

/** The currency word or code after an amount ending at `end`, with its end. */
function readSuffix(text: string, end: number): { currency: string; end: number } | undefined {
  const n = tokAt(text, end);
  if (n === undefined || n.s === end || n.k !== 'word') return undefined;
  if (CURRENCY_CODES.has(n.t)) return { currency: n.t, end: n.e };
  if (n.t === 'US') {
    const d = spacedNext(text, n);
    if (d !== undefined && /^dollars?$/i.test(d.t)) return { currency: 'USD', end: d.e };
    return undefined;
  }
  const c = SUFFIX_WORDS.get(n.t.toLowerCase());
  return c === undefined ? undefined : { currency: c, end: n.e };
}

function build(
  start: number,
  end: number,
  currency: string,
  plainNumber: string,
  numberPrecisionExp: number,
  scale: ScaleRead | undefined,
  fmt: Omit<MoneyFormat, 'scaleWord' | 'scaleFactor' | 'spaceBeforeScale'>,
  wholeNumber: boolean,
): Candidate {
  const exp = scale?.exp ?? 0;
  const value: MoneyValue = {
    kind: 'money',
    currency,
    amount: scaleBy(plainNumber, exp),
    precision: scaleBy(1, numberPrecisionExp + exp),
    bound: 'exact',
  };
  return {
    start,
    end,
    value,
    format: {
      kind: 'money',
      ...fmt,
      scaleWord: scale?.word ?? '',
      scaleFactor: scaleBy(1, exp),
      spaceBeforeScale: scale?.spaced ?? false,
    },
    wholeNumber,
  };
}

/** Money starting at token position `p`, if any. */
export function matchMoney(text: string, p: number): Candidate | undefined {
  const t = tokAt(text, p);
  if (t === undefined || t.s !== p) return undefined;
  let currency: string | undefined;
  let numTok: Tok | undefined;
  if (t.k === 'punct') {
    currency = SYMBOLS.get(t.t);
    numTok = adjNext(text, t);
  } else if (t.k === 'word' && DOLLAR_PREFIXES.has(t.t)) {
    const d = adjNext(text, t);
    if (d?.t === '$' && !isAlnumAt(text, p - 1)) {
      currency = DOLLAR_PREFIXES.get(t.t);
      numTok = adjNext(text, d);
    }
  } else if (t.k === 'word' && CURRENCY_CODES.has(t.t) && !isAlnumAt(text, p - 1)) {
    currency = t.t;
    numTok = tokAt(text, t.e);
    if (numTok !== undefined && numTok.s - t.e > 1) numTok = undefined;
  }
  if (currency !== undefined) {
    if (numTok === undefined || numTok.k !== 'num') return undefined;
    const num = parseDigits(numTok.t);
    if (num === undefined) return undefined;
    const scale = readScale(text, numTok, false);
    if (scale === null) return undefined;
    const end = scale?.end ?? numTok.e;
    return build(p, end, currency, num.plain, -num.fracDigits, scale,
      { prefix: text.slice(p, numTok.s), numberStyle: num.style, suffix: '' }, num.fracDigits === 0);
  }
  return matchSuffixed(text, t);
}

/** "21 billion dollars", "twenty-one billion dollars", "a billion dollars", "5 million euros". */
function matchSuffixed(text: string, t: Tok): Candidate | undefined {
  if (isAlnumAt(text, t.s - 1) || text.charAt(t.s - 1) === '.') return undefined;
  let plain: string;
  let precisionExp: number;
  let end: number;
  let style: MoneyFormat['numberStyle'];
  let wholeNumber = true;
  let scale: ScaleRead | undefined | null;
  if (t.k === 'num') {
    const num = parseDigits(t.t);
    if (num === undefined) return undefined;
    plain = num.plain;
    precisionExp = -num.fracDigits;
    wholeNumber = num.fracDigits === 0;
    style = num.style;
    scale = readScale(text, t, false);
    end = t.e;
  } else if (t.k === 'word') {
    let words = parseNumberWords(text, t, true);
    if (words === undefined && t.t.toLowerCase() === 'a') words = { value: 1, precisionExp: 0, end: t.e };
    if (words === undefined) return undefined;
    plain = String(words.value);
    precisionExp = words.precisionExp;
    style = 'words';
    end = words.end;
    scale = readScale(text, { s: t.s, e: end, t: '', k: 'word' }, true);
    if (t.t.toLowerCase() === 'a' && (scale === undefined || scale === null) && words.value === 1) return undefined;
  } else {
    return undefined;
  }
  if (scale === null) return undefined;
  if (scale !== undefined) end = scale.end;
  const suffix = readSuffix(text, end);
  if (suffix === undefined) return undefined;
  return build(t.s, suffix.end, suffix.currency, plain, precisionExp, scale,
    { prefix: '', numberStyle: style, suffix: text.slice(end, suffix.end) }, wholeNumber);
}

type Family = Record<number, string>;
const FAMILIES: Record<string, Family> = {
  long: { 3: 'thousand', 6: 'million', 9: 'billion', 12: 'trillion' },
  ft: { 3: 'k', 6: 'm', 9: 'bn', 12: 'tn' },
  ftmn: { 3: 'k', 6: 'mn', 9: 'bn', 12: 'tn' },
  upper: { 3: 'K', 6: 'M', 9: 'B', 12: 'T' },
  lower: { 3: 'k', 6: 'm', 9: 'b', 12: 't' },
  mln: { 3: 'k', 6: 'mln', 9: 'bln', 12: 'trn' },
};

/** The scale word for 10^`exp` in the style of `written` ("m" -> "bn" for 9, "M" -> "B"). */
export function scaleWordLike(written: string, exp: number): string {
  const lower = written.toLowerCase();
  let family: Family;
  if (written.length === 1) {
    if (written !== lower) family = FAMILIES.upper!;
    else family = lower === 'b' || lower === 't' ? FAMILIES.lower! : FAMILIES.ft!;
  } else if (lower === 'mn') family = FAMILIES.ftmn!;
  else if (lower === 'bn' || lower === 'tn') family = FAMILIES.ft!;
  else if (lower === 'mln' || lower === 'bln' || lower === 'trn') family = FAMILIES.mln!;
  else family = FAMILIES.long!;
  const word = family[exp] ?? FAMILIES.long![exp] ?? '';
  if (written.length > 1 && written === written.toUpperCase()) return word.toUpperCase();
  if (written.length > 1 && written.charAt(0) !== lower.charAt(0)) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** The canonical prefix of a currency: "$", "€", "£", else the code and a space. */
export function currencyPrefix(currency: string): string {
  for (const [sym, code] of SYMBOLS) if (code === currency) return sym;
  return `${currency} `;
}

/** The canonical spelling of a money value: "$21 billion", "$8.5 billion", "$12", "$12,500". */
export function canonicalMoneyFormat(value: MoneyValue): MoneyFormat {
  const big = Math.abs(value.amount) >= 1e6;
  return {
    prefix: currencyPrefix(value.currency),
    numberStyle: big || Math.abs(value.amount) < 1e4 ? 'digits' : 'grouped',
    scaleWord: big ? 'billion' : '',
    scaleFactor: 1,
    spaceBeforeScale: true,
    suffix: '',
  };
}

function pickScaleExp(value: MoneyValue, fmt: MoneyFormat, sourceFmt: MoneyFormat | undefined): number {
  if (fmt.scaleWord === '') return 0;
  const own = sourceFmt !== undefined && sourceFmt.scaleWord !== '' ? Math.round(Math.log10(sourceFmt.scaleFactor)) : 0;
  if (own > 0) return own;
  const abs = Math.abs(value.amount);
  for (const exp of [12, 9, 6, 3]) if (abs >= scaleBy(1, exp)) return exp;
  return 0;
}

/**
 * The amount of `value` in the spelling `fmt` (without a qualifier). `sourceFmt`, when given, picks the
 * scale ("$21 billion" stays in billions even when written in another scale style).
 */
export function renderMoney(value: MoneyValue, written: MoneyFormat, sourceFmt?: MoneyFormat): string {
  // "$12" written for a figure in the billions reads best as "$21 billion", not "$21000000000".
  const fmt = written.scaleWord === '' && written.numberStyle === 'digits' && Math.abs(value.amount) >= 1e6
    ? { ...written, scaleWord: 'billion', spaceBeforeScale: true }
    : written;
  const exp = pickScaleExp(value, fmt, sourceFmt);
  const precision = value.precision > 0 ? value.precision : 1;
  const decimals = Math.max(0, Math.round(exp - Math.log10(precision)));
  const scaled = exp > 0 ? value.amount / scaleBy(1, exp) : value.amount;
  let num: string;
  if (fmt.numberStyle === 'words' && Number.isInteger(scaled) && scaled >= 0) num = numberToWords(scaled);
  else if (fmt.numberStyle === 'grouped' || (exp === 0 && fmt.numberStyle === 'words')) num = formatGrouped(scaled, decimals);
  else num = formatDecimal(scaled, decimals);
  const scale = exp > 0 ? `${fmt.spaceBeforeScale || fmt.numberStyle === 'words' ? ' ' : ''}${scaleWordLike(fmt.scaleWord, exp)}` : '';
  return `${fmt.prefix}${num}${scale}${fmt.suffix}`;
}
