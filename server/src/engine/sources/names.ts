/**
 * Named parties of source notes, found without a gazetteer: capitalised names (one word or several,
 * "Advanced Micro Devices"), acronyms and camel-case names ("CoreWeave"), plus the parties a curated
 * fact base already knows. A capitalised word that only ever opens a sentence ("Inference is ...")
 * is not a name; one that also stands capitalised mid-sentence ("Meta") is.
 */
import type { Token } from '../text/tokens';

/** Capitalised words that open sentences or clauses without naming anything. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'A An The And Or But Nor So Yet If Then Than That This These Those There Here It Its They Their Them He His She Her ' +
    'We Our You Your I My Who Which What When Where Why How In On At To For With By From As Of Into Over Under After ' +
    'Before During Since Until Through About Also Just Only Even Still Now New Some Any Each Every All Both Either ' +
    'Neither Other Such Most More Many Much Put Meanwhile However Yesterday Today Tomorrow Last Next First Second ' +
    'Third According Read See Via Source Sources Note Notes Update Updated ' +
    'January February March April May June July August September October November December ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'Q1 Q2 Q3 Q4 AM PM AI CEO CFO COO CTO GPU GPUs CPU IPO API URL FAQ PDF USD EUR GBP TV'
  ).split(' '),
);

/** Titles before a person's name: left out of the name, so "Mayor Dana Ortiz" is "Dana Ortiz". */
const TITLES: ReadonlySet<string> = new Set(
  (
    'Mr Mrs Ms Dr Prof Sir Dame Mayor President Governor Senator Sen Rep Representative Minister Judge Chairman ' +
    'Chairwoman Commissioner Councilor Councillor Secretary Deputy Gen'
  ).split(' '),
);

/** Lowercase words allowed inside a multi-word name ("Bank of America"). */
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'de', 'du', 'von', 'van', 'der', 'la', 'le', '&']);

/** A capitalised run of tokens in a sentence. */
export interface NameCandidate {
  text: string;
  /** Whether the run starts the sentence (so its capital may be grammatical, not a name). */
  initial: boolean;
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && !/\d/.test(word);
}

/** Camel-case or all-capital words are names wherever they stand. */
function isMarked(word: string): boolean {
  return /^\p{Lu}{2,}s?$/u.test(word) || /^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) || /^\p{Ll}+\p{Lu}/u.test(word);
}

/**
 * Capitalised runs of the tokens of one sentence. `text` is the sentence the tokens index; runs break
 * at punctuation, so "WhatsApp, Instagram" yields two names.
 */
export function nameCandidates(text: string, tokens: Token[]): NameCandidate[] {
  const found: NameCandidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (!isCapitalised(token.text) || NOT_NAMES.has(token.text) || TITLES.has(token.text)) {
      i++;
      continue;
    }
    let j = i;
    let last = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1] as Token;
      const gap = text.slice((tokens[j] as Token).end, next.start);
      if (!/^[ \t]+$/.test(gap) && !/^[ \t]*&[ \t]*$/.test(gap)) break;
      if (isCapitalised(next.text) && !NOT_NAMES.has(next.text)) {
        j++;
        last = j;
      } else if (CONNECTORS.has(next.text) && j + 2 < tokens.length && isCapitalised((tokens[j + 2] as Token).text)) {
        j++;
      } else break;
    }
    const first = tokens[i] as Token;
    const end = (tokens[last] as Token).end;
    found.push({ text: text.slice(first.start, end), initial: i === 0 || /^[\s"“'‘(]*$/.test(text.slice(0, first.start)) });
    i = last + 1;
  }
  return found;
}

/**
 * Decides which candidates are names. `midSentence` holds the single words seen capitalised away from a
 * sentence start anywhere in the notes.
 */
export function isName(candidate: NameCandidate, midSentence: ReadonlySet<string>): boolean {
  const words = candidate.text.split(/\s+/);
  if (words.length > 1 || !candidate.initial) return true;
  return isMarked(candidate.text) || midSentence.has(candidate.text);
}

/** The initials of a name of three or more capitalised words ("Advanced Micro Devices" -> "AMD"). */
export function acronymOf(name: string): string | undefined {
  const words = name.split(/\s+/).filter((w) => isCapitalised(w));
  if (words.length < 3 || words.length !== name.split(/\s+/).length) return undefined;
  return words.map((w) => w.charAt(0).toUpperCase()).join('');
}

/** A stable id for a name: lowercase letters and digits joined by hyphens. */
export function slugOf(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'party'
  );
}
