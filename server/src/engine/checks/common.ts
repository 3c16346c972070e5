/** Helpers shared by the checks. */
import type { ParsedValue } from '../api';
import { describeValue, parseValueText } from '../values';
import type { Fact, Source } from '../types';
import type { FactBase } from '../types';
import type { FactMatch } from '../match/matcher';
import { isBackedBy, type AnalyzedSentence, type DocumentAnalysis } from '../analyze';
import { isKnownHost } from '../citations';

/** The sources a message names for a fact: its primary source. */
export function primarySources(fact: Fact): string[] {
  return fact.sources.slice(0, 1);
}

/** The primary sources of the matched facts, without repeats, in match order. */
export function neededSources(matches: FactMatch[], base: FactBase): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const match of matches) {
    const id = match.fact.sources[0];
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const source = base.sources.get(id);
    if (source) sources.push(source);
  }
  return sources;
}

/** A short quotation of a fact's quote for messages. */
export function shortQuote(fact: Fact, max = 80): string {
  const text = fact.quote.text;
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

const parsedValues = new WeakMap<Fact, ParsedValue>();

/** The fact's value text parsed (with the source's format), computed once per fact. */
export function factValueOf(fact: Fact): ParsedValue {
  let parsed = parsedValues.get(fact);
  if (!parsed) {
    parsed = parseValueText(fact.valueText ?? '');
    parsedValues.set(fact, parsed);
  }
  return parsed;
}

/** How a statement's expected value reads: the source value described canonically, or as the fact file writes it. */
export function expectedTextOf(fact: Fact): string | undefined {
  if (fact.valueText === undefined) return undefined;
  const parsed = factValueOf(fact);
  return 'error' in parsed ? fact.valueText : describeValue(parsed.value, parsed.format);
}

/**
 * The statements of a sentence that need a citation it lacks, and those whose citations are wrong.
 * Decided here once for the checks, the hover and the Sources view.
 *
 * - Missing: no citation covers the sentence, it is not a headline, and the draft has not already
 *   stated (and cited) the same thing.
 * - Wrong: every citation covering it is a source the fact base knows (an unknown one may back it),
 *   and none of them backs any of its statements (one that backs one was put there for that one).
 */
export function citationProblems(analysis: DocumentAnalysis, sentence: AnalyzedSentence): { missing: FactMatch[]; wrong: FactMatch[] } {
  const covering = sentence.cited.coveredBy;
  if (covering.length === 0) {
    if (sentence.block.kind === 'heading') return { missing: [], wrong: [] };
    return { missing: sentence.matches.filter((m) => !m.repeatOf && !m.restates), wrong: [] };
  }
  if (!covering.every((c) => c.hosts.some((host) => isKnownHost(host, analysis.lexicon.knownHosts)))) return { missing: [], wrong: [] };
  if (sentence.matches.some((m) => isBackedBy(m.fact, covering, analysis.base))) return { missing: [], wrong: [] };
  return { missing: [], wrong: sentence.matches };
}
