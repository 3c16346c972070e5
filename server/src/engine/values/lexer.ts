/**
 * A lazy tokenizer over plain text: digit runs (with inner `.`/`,` groups), letter runs, and single
 * other characters. Matchers pull tokens on demand near candidate positions, so a large text is never
 * tokenized as a whole.
 */

/** A token: `num` ("21", "21,000", "8.5", "3.2.0"), `word` (a run of letters) or `punct` (one character). */
export interface Tok {
  s: number;
  e: number;
  t: string;
  k: 'num' | 'word' | 'punct';
}

// At most one line break between tokens: a blank line ends a paragraph, and a value never spans it.
const TOKEN = /[^\S\r\n]*(?:\r?\n[^\S\r\n]*)?(?:(\d+(?:[.,]\d+)*)|(\p{L}+)|([^\s\p{L}\d]))/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// The matchers of one value ask for the same few tokens again and again (each kind of value starts by
// reading the token at the anchor, then the one after it): the latest answers are kept, by position,
// for the text they were read from. Tokens are never changed once read.
const CACHE_SIZE = 16;
let cachedText: string | undefined;
const cachedAt: Int32Array = new Int32Array(CACHE_SIZE).fill(-1);
const cachedTok: Array<Tok | undefined> = new Array<Tok | undefined>(CACHE_SIZE);

/** The next token at or after `pos` (skipping spaces and one line break), or undefined. */
export function tokAt(text: string, pos: number): Tok | undefined {
  if (text !== cachedText) {
    cachedText = text;
    cachedAt.fill(-1);
  }
  const slot = pos & (CACHE_SIZE - 1);
  if (cachedAt[slot] === pos) return cachedTok[slot];
  const tok = readTok(text, pos);
  cachedAt[slot] = pos;
  cachedTok[slot] = tok;
  return tok;
}

function readTok(text: string, pos: number): Tok | undefined {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (m === null) return undefined;
  const e = pos + m[0].length;
  if (m[1] !== undefined) return { s: e - m[1].length, e, t: m[1], k: 'num' };
  if (m[2] !== undefined) return { s: e - m[2].length, e, t: m[2], k: 'word' };
  const t = m[3] ?? '';
  return { s: e - t.length, e, t, k: 'punct' };
}

/** The token directly after `tok` with no space between, or undefined. */
export function adjNext(text: string, tok: Tok): Tok | undefined {
  const n = tokAt(text, tok.e);
  return n !== undefined && n.s === tok.e ? n : undefined;
}

/** The token after `tok` when space separates them, or undefined. */
export function spacedNext(text: string, tok: Tok): Tok | undefined {
  const n = tokAt(text, tok.e);
  return n !== undefined && n.s > tok.e ? n : undefined;
}

/** Whether `tok` is a hyphen (ASCII or Unicode hyphen, not a dash). */
export function isHyphen(tok: Tok | undefined): boolean {
  return tok !== undefined && (tok.t === '-' || tok.t === '\u2010' || tok.t === '\u2011');
}

/** Whether the character at `i` is a letter or digit (false outside the text). */
export function isAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  return LETTER_OR_DIGIT.test(text.charAt(i));
}

/** Whether `word` starts with an uppercase letter. */
export function isCapitalised(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase();
}

/** `word` with its first letter uppercased. */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
