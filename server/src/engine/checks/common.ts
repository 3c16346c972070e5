/** Helpers shared by the checks. */
import type { Fact, QuoteLocation, Source } from '../types';
import type { FactBase } from '../types';
import type { FactMatch } from '../match/matcher';

/** The sources a message names for a fact: its primary source. */
export function primarySources(fact: Fact): string[] {
  return fact.sources.slice(0, 1);
}

/** The fact's quote, for hovers and related information. */
export function quoteOf(fact: Fact): QuoteLocation {
  return fact.quote;
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
