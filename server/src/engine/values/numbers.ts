/**
 * Numbers as writers spell them: digits ("21", "8.5"), grouped digits ("21,000,000,000") and English
 * number words ("twenty-one", "one hundred and five"), with the precision each spelling states.
 */
import { type Tok, isHyphen, tokAt } from './lexer';

const SMALL = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORD_SMALL = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
  'nineteenth',
];
const ORD_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** Lowercase number words to their values (units, teens, tens). */
export const SMALL_VALUE: ReadonlyMap<string, number> = new Map(SMALL.map((w, i) => [w, i]));
/** Lowercase tens words to their values. */
export const TENS_VALUE: ReadonlyMap<string, number> = new Map(
  TENS.flatMap((w, i) => (w === '' ? [] : [[w, i * 10] as [string, number]])),
);
/** Lowercase single-word ordinals to their values ("first" 1, "twentieth" 20, "hundredth" 100). */
export const ORDINAL_VALUE: ReadonlyMap<string, number> = new Map([
  ...ORD_SMALL.slice(1).map((w, i) => [w, i + 1] as [string, number]),
  ...ORD_TENS.flatMap((w, i) => (w === '' ? [] : [[w, i * 10] as [string, number]])),
  ['hundredth', 100],
]);

/** A number read from words. */
export interface WordsNumber {
  value: number;
  /** log10 of the unit of the last stated group ("two hundred thousand" -> 3). */
  precisionExp: number;
  /** End offset of the last word. */
  end: number;
}

type Last = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand';

/**
 * Reads English number words starting at `first`, as far as they form one number. With
 * `allowArticle`, "a hundred"/"a thousand" count as one hundred/thousand.
 */
export function parseNumberWords(text: string, first: Tok, allowArticle = false): WordsNumber | undefined {
  let total = 0;
  let group = 0;
  let last: Last = 'none';
  let end = -1;
  let usedThousand = false;
  let viaHyphen = false;
  let tok: Tok | undefined = first;
  while (tok !== undefined && tok.k === 'word') {
    const w = tok.t.toLowerCase();
    const small = SMALL_VALUE.get(w);
    const tens = TENS_VALUE.get(w);
    if (last === 'none' && allowArticle && w === 'a') {
      const n = tokAt(text, tok.e);
      const nw = n?.k === 'word' ? n.t.toLowerCase() : '';
      if (nw !== 'hundred' && nw !== 'thousand') break;
      group = 1;
      last = 'unit';
    } else if (small !== undefined) {
      if (small === 0) {
        if (last !== 'none' || viaHyphen) break;
        end = tok.e;
        break;
      }
      const afterGroup = last === 'none' || last === 'hundred' || last === 'thousand';
      if (viaHyphen) {
        if (!(last === 'tens' && small < 10)) break;
      } else if (small < 10) {
        if (!(afterGroup || (last === 'tens' && group % 10 === 0))) break;
      } else if (!afterGroup) {
        break;
      }
      group += small;
      last = small < 10 ? 'unit' : 'teen';
    } else if (tens !== undefined) {
      if (viaHyphen || !(last === 'none' || last === 'hundred' || last === 'thousand')) break;
      group += tens;
      last = 'tens';
    } else if (w === 'hundred') {
      if (viaHyphen || last !== 'unit' || group <= 0 || group >= 10) break;
      group *= 100;
      last = 'hundred';
    } else if (w === 'thousand') {
      if (viaHyphen || last === 'none' || last === 'thousand' || usedThousand || group === 0) break;
      total += group * 1000;
      group = 0;
      usedThousand = true;
      last = 'thousand';
    } else {
      break;
    }
    end = tok.e;
    const n = tokAt(text, tok.e);
    if (n === undefined) break;
    if (n.s === tok.e && isHyphen(n)) {
      const after = tokAt(text, n.e);
      if (after === undefined || after.s !== n.e || after.k !== 'word') break;
      tok = after;
      viaHyphen = true;
      continue;
    }
    if (n.s === tok.e || n.k !== 'word') break;
    viaHyphen = false;
    if (n.t.toLowerCase() === 'and' && (last === 'hundred' || last === 'thousand')) {
      const after = tokAt(text, n.e);
      tok = after !== undefined && after.s > n.e ? after : undefined;
      continue;
    }
    tok = n;
  }
  if (end < 0) return undefined;
  return { value: total + group, precisionExp: last === 'thousand' ? 3 : 0, end };
}

/** A number written in digits. */
export interface DigitsNumber {
  value: number;
  /** The digits without group separators ("21000000000", "8.5"). */
  plain: string;
  fracDigits: number;
  style: 'digits' | 'grouped';
}

const DIGITS = /^\d+(?:\.(\d+))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.(\d+))?$/;

/** Reads a `num` token as a plain ("8.5") or grouped ("21,000,000") number; undefined for "3.2.0", "1,5". */
export function parseDigits(t: string): DigitsNumber | undefined {
  let m = DIGITS.exec(t);
  let style: 'digits' | 'grouped' = 'digits';
  if (m === null) {
    m = GROUPED.exec(t);
    style = 'grouped';
  }
  if (m === null) return undefined;
  const plain = style === 'grouped' ? t.replace(/,/g, '') : t;
  return { value: Number(plain), plain, fracDigits: m[1]?.length ?? 0, style };
}

/** `value` times 10^`exp`, exactly as decimal notation would round it. */
export function scaleBy(value: number | string, exp: number): number {
  return Number(`${value}e${exp}`);
}

/**
 * The precision of a hedged figure: trailing zeros of a whole number are not significant
 * ("about $20 billion" is good to the nearest ten billion).
 */
export function hedgedPrecision(amount: number, precision: number): number {
  if (!(precision > 0) || !Number.isFinite(amount)) return precision;
  let mant = Math.round(Math.abs(amount) / precision);
  if (Math.abs(mant * precision - Math.abs(amount)) > precision * 1e-9) return precision;
  let p = precision;
  while (mant !== 0 && mant % 10 === 0) {
    mant /= 10;
    p = scaleBy(p, 1);
  }
  return p;
}

/** English words for a whole number from 0 to below 10^15 ("twenty-one", "one hundred five"). */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e15) return String(n);
  if (n < 20) return SMALL[n] ?? String(n);
  if (n < 100) {
    const u = n % 10;
    return (TENS[Math.floor(n / 10)] ?? '') + (u !== 0 ? `-${SMALL[u] ?? ''}` : '');
  }
  if (n < 1000) {
    const rest = n % 100;
    return `${SMALL[Math.floor(n / 100)] ?? ''} hundred${rest !== 0 ? ` ${numberToWords(rest)}` : ''}`;
  }
  const groups: [number, string][] = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];
  for (const [unit, name] of groups) {
    if (n >= unit) {
      const rest = n % unit;
      return `${numberToWords(Math.floor(n / unit))} ${name}${rest !== 0 ? ` ${numberToWords(rest)}` : ''}`;
    }
  }
  return String(n);
}

/** The English ordinal word for 1..100 ("first", "twenty-first"), else digits with a suffix. */
export function ordinalToWords(n: number): string {
  if (n >= 1 && n < 20) return ORD_SMALL[n] ?? ordinalToDigits(n);
  if (n >= 20 && n < 100) {
    const u = n % 10;
    return u === 0 ? (ORD_TENS[n / 10] ?? '') : `${TENS[Math.floor(n / 10)] ?? ''}-${ORD_SMALL[u] ?? ''}`;
  }
  if (n === 100) return 'hundredth';
  return ordinalToDigits(n);
}

/** The suffix of a digit ordinal: 1 "st", 2 "nd", 11 "th", 23 "rd". */
export function ordinalSuffix(n: number): string {
  const h = n % 100;
  if (h >= 11 && h <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** A digit ordinal: "1st", "22nd". */
export function ordinalToDigits(n: number): string {
  return `${n}${ordinalSuffix(n)}`;
}

/** `value` with at most `decimals` decimals, trailing zeros dropped ("8.5", "21"). */
export function formatDecimal(value: number, decimals: number): string {
  const d = Math.min(20, Math.max(0, Math.round(decimals)));
  let s = value.toFixed(d);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** `value` with thousands separators ("21,000,000,000"), at most `decimals` decimals. */
export function formatGrouped(value: number, decimals: number): string {
  const s = formatDecimal(value, decimals);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot);
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int.charAt(i);
  }
  return out + frac;
}
