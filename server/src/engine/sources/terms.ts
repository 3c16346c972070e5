/**
 * The content words of a statement: what extraction stores as a fact's cues and what matching
 * compares, so that both sides reduce text the same way.
 */
import type { Token } from '../text/tokens';
import type { Mention } from '../types';

/**
 * Function words and reporting verbs: they say nothing about which fact a sentence states. Temporal
 * prepositions such as "through" and "until" stay, because they tell an end date from a start date.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here it its it\'s they them their theirs ' +
    'he him his she her hers we us our ours you your yours i me my mine who whom whose which what when where why how ' +
    'is are was were be been being am do does did done doing has have had having will would shall should can could may ' +
    'might must not no yes of in on at to for with by from as into onto about over under up down out off per via ' +
    'also just only very more most much many some any each every all both either neither other such same own too ' +
    'said says say saying according told tells tell announced says stated noted added ' +
    'now new one s t company firm while because since like well even still already again ever'
  ).split(' '),
);

/** A content word of a sentence: its stem and token index. */
export interface Term {
  stem: string;
  token: number;
}

/**
 * The content words of `tokens`: no stop words, no bare numbers, no token inside a value mention or its
 * qualifier, and no word of a party name as written (`partyWords` is case-sensitive, so "Labs" in
 * "Meta Superintelligence Labs" is left out while "labs" in prose stays).
 */
export function contentTerms(tokens: Token[], mentions: Mention[], partyWords: ReadonlySet<string>): Term[] {
  const terms: Term[] = [];
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    while (m < mentions.length && (mentions[m] as Mention).span.end <= token.start) m++;
    const mention = mentions[m];
    if (mention && token.end > (mention.qualifierSpan?.start ?? mention.span.start) && token.start < mention.span.end) continue;
    if (partyWords.has(token.text)) continue;
    const lower = token.text.toLowerCase();
    if (lower.length < 2 || STOP_WORDS.has(lower) || /^\d/.test(lower)) continue;
    terms.push({ stem: token.stem, token: i });
  }
  return terms;
}

/** The word tokens of party names, as written. */
export function partyWordsOf(names: Iterable<string>, tokenize: (text: string) => Token[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) for (const token of tokenize(name)) words.add(token.text);
  return words;
}
