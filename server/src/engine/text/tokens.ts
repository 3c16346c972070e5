/**
 * Words of a text: where they stand, and a light stem for matching. Shared by the lexicon, the
 * claim frames and the source-note reader.
 */
/** A word of a sentence. */
export interface Token {
  text: string;
  stem: string;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/uy;

/** Whether the code unit at `i` starts a letter or digit (a whole code point for surrogate pairs). */
function isWordCharAt(text: string, i: number, code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text);
}

/** Code units of the code point at `i` (2 for a surrogate pair). */
function widthAt(text: string, i: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
  }
  return 1;
}

/**
 * Calls `visit` with the start and end of every word (a maximal run of letters and digits) of `text`;
 * stops early when `visit` returns true. ASCII is classified without a regular expression.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => boolean | void): boolean {
  const length = text.length;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (!isWordCharAt(text, i, code)) {
      i += code < 128 ? 1 : widthAt(text, i, code);
      continue;
    }
    const start = i;
    do {
      i += code < 128 ? 1 : widthAt(text, i, code);
      if (i >= length) break;
      code = text.charCodeAt(i);
    } while (isWordCharAt(text, i, code));
    if (visit(start, i) === true) return true;
  }
  return false;
}

/** Splits text into word tokens (letters and digits; punctuation and hyphens separate words). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (start, end) => {
    const word = text.slice(start, end);
    tokens.push({ text: word, stem: stem(word), start, end });
  });
  return tokens;
}

/** A light suffix-stripping stem, enough to let "expanded", "expands" and "expand" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** "plann" → "plan", "signall" → "signal": the doubled consonant before -ing and -ed. */
function undouble(w: string): string {
  return w.length > 3 && /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}
