/** Helpers shared by the checks. */
import type { ParsedValue } from '../api';
import { describeValue, parseValueText } from '../values';
import type { Fact, Source } from '../types';
import type { FactBase } from '../types';
import type { FactMatch } from '../match/matcher';

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
