/**
 * Decides which facts a sentence speaks to. A fact applies when the sentence names its parties
 * (a fact with a value may also take them from the sentence the paragraph just named them in),
 * uses enough of its cues, and, for a fact with a value, states a value of the same kind. Each
 * value goes to the fact whose evidence stands nearest to it; a value that no fact of the
 * sentence's subject owns is not compared at all.
 */
import { agrees } from '../values';
import type { Fact, Mention, ValueKind } from '../types';
import type { CueOccurrence, Lexicon, PartyOccurrence, Token } from './lexicon';

/** The words, parties and values of one sentence. */
export interface SentenceFeatures {
  tokens: Token[];
  parties: PartyOccurrence[];
  cues: CueOccurrence[];
  mentions: Mention[];
}

/** A fact a sentence speaks to, with the value that speaks to it and whether it agrees. */
export interface FactMatch {
  fact: Fact;
  /** `claim` for a fact without a value. */
  verdict: 'agrees' | 'mismatch' | 'claim';
  mention?: Mention;
}

/** What a sentence was found to say. */
export interface SentenceMatches {
  matches: FactMatch[];
  /** Values about a named party that no fact speaks to. */
  unsupported: Mention[];
}

/** Distance in tokens at which context-only evidence counts; beyond any near mention. */
const CONTEXT_DISTANCE = 12;
/** How near a cue must stand to a value when the fact's parties come only from context. */
const CONTEXT_CUE_DISTANCE = 8;
/** An alternative fact that the value agrees with wins only with at least this share of the best score. */
const ALTERNATIVE_SHARE = 0.5;

/**
 * Kinds for which a value about a known party with no fact is reported as unsupported; durations
 * are left out because they are so often relative ("a week later").
 */
const UNSUPPORTED_KINDS = new Set<ValueKind>(['money', 'date']);

function proximity(distance: number): number {
  return 1 / (1 + distance / 4);
}

/** Matches a sentence against the fact base. `context` holds the parties the paragraph just named. */
export function matchSentence(lexicon: Lexicon, features: SentenceFeatures, context: ReadonlySet<string>): SentenceMatches {
  const direct = new Map<string, number[]>();
  for (const occurrence of features.parties) {
    const list = direct.get(occurrence.partyId) ?? [];
    list.push(occurrence.token);
    direct.set(occurrence.partyId, list);
  }
  const cueTokens = new Map<Fact, Map<string, number[]>>();
  for (const occurrence of features.cues) {
    for (const fact of occurrence.facts) {
      let byCue = cueTokens.get(fact);
      if (!byCue) {
        byCue = new Map();
        cueTokens.set(fact, byCue);
      }
      const list = byCue.get(occurrence.cue) ?? [];
      list.push(occurrence.token);
      byCue.set(occurrence.cue, list);
    }
  }

  const candidates = new Set<Fact>(cueTokens.keys());
  for (const partyId of direct.keys()) {
    for (const fact of lexicon.factsByParty.get(partyId) ?? []) if (fact.minCues === 0) candidates.add(fact);
  }

  const claims: FactMatch[] = [];
  const valued: Fact[] = [];
  for (const fact of candidates) {
    if ((cueTokens.get(fact)?.size ?? 0) < fact.minCues) continue;
    if (fact.value === undefined) {
      if (fact.parties.every((id) => direct.has(id))) claims.push({ fact, verdict: 'claim' });
    } else if (fact.parties.every((id) => direct.has(id) || context.has(id))) {
      valued.push(fact);
    }
  }

  const mentionTokens = features.mentions.map((mention) => tokenAt(features.tokens, mention.span.start));
  const distanceTo = (tokens: number[] | undefined, at: number): number =>
    tokens === undefined ? CONTEXT_DISTANCE : Math.min(...tokens.map((t) => Math.abs(t - at)));

  const score = (fact: Fact, at: number): number => {
    let total = 0;
    for (const id of fact.parties) total += 2 * lexicon.partyWeight(id) * proximity(distanceTo(direct.get(id), at));
    for (const id of fact.alsoAbout) {
      if (direct.has(id) || context.has(id)) total += 0.5 * lexicon.partyWeight(id) * proximity(distanceTo(direct.get(id), at));
    }
    for (const [cue, tokens] of cueTokens.get(fact) ?? []) total += lexicon.cueWeight(cue) * proximity(distanceTo(tokens, at));
    return total;
  };
  const partyDistance = (fact: Fact, at: number): number =>
    Math.max(...fact.parties.map((id) => distanceTo(direct.get(id), at)), 0);

  // A fact whose parties come only from context must have a cue close to the value itself.
  const nearEnough = (fact: Fact, at: number): boolean =>
    fact.parties.every((id) => direct.has(id)) ||
    [...(cueTokens.get(fact)?.values() ?? [])].some((tokens) => distanceTo(tokens, at) <= CONTEXT_CUE_DISTANCE);

  const rank = (facts: Iterable<Fact>, mention: Mention, at: number): Array<{ fact: Fact; score: number }> =>
    [...facts]
      .filter((fact) => fact.value?.kind === mention.value.kind && nearEnough(fact, at))
      .map((fact) => ({ fact, score: score(fact, at) }))
      .sort((a, b) => b.score - a.score);

  const decide = (mention: Mention, at: number, ranked: Array<{ fact: Fact; score: number }>): FactMatch | undefined => {
    const best = ranked[0];
    if (!best) return undefined;
    const agreesWith = (fact: Fact): boolean => agrees(mention.value, fact.value as NonNullable<Fact['value']>, fact.tolerance);
    if (agreesWith(best.fact)) return { fact: best.fact, verdict: 'agrees', mention };
    const bestDistance = partyDistance(best.fact, at);
    const alternative = ranked.find(
      (r) => r !== best && r.score >= ALTERNATIVE_SHARE * best.score && partyDistance(r.fact, at) <= bestDistance && agreesWith(r.fact),
    );
    return alternative ? { fact: alternative.fact, verdict: 'agrees', mention } : { fact: best.fact, verdict: 'mismatch', mention };
  };

  const valueMatches: FactMatch[] = [];
  const unmatched: number[] = [];
  features.mentions.forEach((mention, index) => {
    const at = mentionTokens[index] as number;
    const match = decide(mention, at, rank(valued, mention, at));
    if (match) valueMatches.push(match);
    else unmatched.push(index);
  });

  // A sentence that states one value of a subject ("through December 2032") speaks of that subject:
  // its other values are read against the subject's other facts even without their own cue words.
  const subjects = new Set(valueMatches.map((m) => lexicon.subjectOf(m.fact)));
  const unsupported: Mention[] = [];
  for (const index of unmatched) {
    const mention = features.mentions[index] as Mention;
    const at = mentionTokens[index] as number;
    const siblings = [...subjects]
      .flatMap((subject) => lexicon.factsOfSubject(subject))
      .filter((fact) => fact.parties.every((id) => direct.has(id) || context.has(id)));
    const match = decide(mention, at, rank(new Set(siblings), mention, at));
    if (match) valueMatches.push(match);
    else if (direct.size > 0 && UNSUPPORTED_KINDS.has(mention.value.kind) && !isYearOnly(mention)) unsupported.push(mention);
  }

  // A fact that one value of the sentence confirms is not contradicted by another value there:
  // that other value is about something else ("paid $14 billion for Scale AI, and $21 billion for ...").
  const confirmed = new Set(valueMatches.filter((m) => m.verdict === 'agrees').map((m) => m.fact));
  const matches: FactMatch[] = [];
  for (const match of valueMatches) {
    if (match.verdict === 'mismatch' && confirmed.has(match.fact)) continue;
    matches.push(match);
  }
  matches.push(...claims);
  return { matches, unsupported };
}

function isYearOnly(mention: Mention): boolean {
  return mention.value.kind === 'date' && mention.value.granularity === 'year';
}

/** Index of the token at or after `offset` (the token a value starts with). */
function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
