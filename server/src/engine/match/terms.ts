/**
 * Candidates among facts extracted from source notes. Such facts have no hand-picked cues, so a
 * sentence is matched by lexical similarity: an inverted index from content-word stems to the facts
 * that use them gives the candidates, each scored by idf-weighted shared stems (nearer the value
 * counts more) plus shared parties. The shared words are the evidence cues are for curated facts. The
 * party rules of curated facts still hold: a value fact applies only when the sentence names its
 * parties, or the paragraph just did, or a cited site does; one whose statement leaned on context for
 * its party needs any one of its parties, and a word near the value.
 *
 * The matcher asks this source after the curated one: a value a curated fact owns is not read again
 * here, and a sentence a curated fact speaks to gets no extracted claim.
 */
import { isBackedBy } from '../citations';
import { agrees } from '../values';
import { contentTerms, partyWordsOf } from '../sources/terms';
import type { Fact, FactBase, Mention } from '../types';
import { factFrameOf, sameEvent } from '../claims/align';
import { getOrCreate } from '../util/maps';
import { CONTEXT_DISTANCE, distanceTo, NEAR_DISTANCE, positionsBy, proximity } from './evidence';
import { tokenize } from '../text/tokens';
import type { Candidate, CandidateSource, SentenceEvidence, SentenceInput } from './matcher';

/** Claims: least idf-weighted share of the claim's words the sentence must use, and of the sentence's words the claim must use. */
const CLAIM_COVERAGE = 0.5;
/** A stem in more facts than this (and than {@link COMMON_SHARE} of them) brings in only facts about the sentence's parties. */
const COMMON_MIN = 64;
const COMMON_SHARE = 0.05;
/** How many candidates of each sort (values, claims) a sentence scores in full. */
const SHORTLIST = 48;
/** Shared words near the value that let a fact whose note named no party apply without one. */
const WORDS_FOR_PARTY = 3;
/** Claims: least number of shared content words. */
const CLAIM_MIN_SHARED = 3;

interface Posting {
  fact: Fact;
  weight: number;
}

/** The inverted index over the extracted facts of one fact base. */
export class SourceFactIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idfs = new Map<string, number>();
  private readonly partyIdfs = new Map<string, number>();
  /** Sum of idf x weight over each fact's stems. */
  private readonly mass = new Map<Fact, number>();
  /** Words of party names as written, left out of content words. */
  readonly partyWords: ReadonlySet<string>;
  /** Facts read from the same statement of a note, by quote. */
  private readonly byQuote = new Map<string, Fact[]>();
  /** Facts by the parties that let them apply. */
  private readonly byParty = new Map<string, Fact[]>();
  /** Facts by every party their statement names. */
  private readonly byAnyParty = new Map<string, Fact[]>();

  constructor(readonly base: FactBase, readonly facts: Fact[]) {
    const total = Math.max(1, facts.length);
    const partyCounts = new Map<string, number>();
    for (const fact of facts) {
      for (const [stem, weight] of Object.entries(fact.extracted?.terms ?? {})) {
        const list = this.postings.get(stem) ?? [];
        list.push({ fact, weight });
        this.postings.set(stem, list);
      }
      for (const id of new Set([...fact.parties, ...fact.alsoAbout])) {
        partyCounts.set(id, (partyCounts.get(id) ?? 0) + 1);
        getOrCreate(this.byAnyParty, id, () => []).push(fact);
      }
      // Indexed by the parties that let it apply: the required ones, or when there are none, the others.
      for (const id of new Set(fact.parties.length > 0 ? fact.parties : fact.alsoAbout)) {
        const list = this.byParty.get(id) ?? [];
        list.push(fact);
        this.byParty.set(id, list);
      }
      const key = quoteKey(fact);
      const same = this.byQuote.get(key) ?? [];
      same.push(fact);
      this.byQuote.set(key, same);
    }
    for (const [stem, list] of this.postings) this.idfs.set(stem, Math.log(1 + total / list.length));
    for (const [id, count] of partyCounts) this.partyIdfs.set(id, Math.log(1 + total / count));
    for (const fact of facts) {
      let sum = 0;
      for (const [stem, weight] of Object.entries(fact.extracted?.terms ?? {})) sum += this.idf(stem) * weight;
      this.mass.set(fact, sum);
    }
    this.partyWords = partyWordsOf([...base.parties.values()].flatMap((p) => p.names), tokenize);
  }

  idf(stem: string): number {
    return this.idfs.get(stem) ?? 0;
  }

  partyIdf(id: string): number {
    return this.partyIdfs.get(id) ?? 1;
  }

  massOf(fact: Fact): number {
    return this.mass.get(fact) ?? 0;
  }

  /**
   * Facts sharing at least one stem with `stems`, with the shared stems. A stem used by many facts
   * brings in only facts about one of `parties`, so a sentence costs what its rare words and its
   * parties cost, not what its commonest word costs.
   */
  candidates(stems: Iterable<string>, parties: Iterable<string> = []): Map<Fact, string[]> {
    const unique = [...new Set(stems)];
    const limit = Math.max(COMMON_MIN, COMMON_SHARE * this.facts.length);
    const found = new Set<Fact>();
    const common: string[] = [];
    for (const stem of unique) {
      const list = this.postings.get(stem);
      if (!list) continue;
      if (list.length > limit) common.push(stem);
      else for (const posting of list) found.add(posting.fact);
    }
    if (common.length > 0) {
      for (const id of new Set(parties)) {
        for (const fact of this.byParty.get(id) ?? []) if (common.some((stem) => stem in (fact.extracted?.terms ?? {}))) found.add(fact);
      }
    }
    const result = new Map<Fact, string[]>();
    for (const fact of found) result.set(fact, unique.filter((stem) => stem in (fact.extracted?.terms ?? {})));
    return result;
  }

  weightOf(fact: Fact, stem: string): number {
    return fact.extracted?.terms[stem] ?? 0;
  }

  /** The parties whose names are the leading words of party `id`'s name ("Kinross" of "Kinross Water Partners"). */
  shortFormsOf(id: string): readonly string[] {
    return this.base.parties.get(id)?.partOf ?? [];
  }

  /** The facts that party `id` lets apply: those it is a required party of, or the only kind of party of. */
  factsOf(id: string): readonly Fact[] {
    return this.byParty.get(id) ?? [];
  }

  /** The facts whose statement names party `id`, as a required party or not. */
  factsAbout(id: string): readonly Fact[] {
    return this.byAnyParty.get(id) ?? [];
  }

  /** The facts read from the same statement as `fact`, itself included. */
  statementOf(fact: Fact): Fact[] {
    return this.byQuote.get(quoteKey(fact)) ?? [fact];
  }
}

function quoteKey(fact: Fact): string {
  const { start, end } = fact.quote.range;
  return `${fact.quote.documentPath}\u0000${start.line}:${start.character}-${end.line}:${end.character}`;
}

const indexes = new WeakMap<FactBase, SourceFactIndex | null>();

/** The index of the extracted facts of `base`, or undefined when it has none. Built once per base. */
export function sourceIndexOf(base: FactBase): SourceFactIndex | undefined {
  let index = indexes.get(base);
  if (index === undefined) {
    const facts = base.facts.filter((f) => f.extracted !== undefined);
    index = facts.length > 0 ? new SourceFactIndex(base, facts) : null;
    indexes.set(base, index);
  }
  return index ?? undefined;
}

/** The candidate source of a fact base's extracted facts (none when the base has none). */
export function termSource(base: FactBase): CandidateSource {
  return { read: (sentence) => readTerms(base, sentence) };
}

/**
 * What a sentence shares with the extracted facts. `context` holds the parties the paragraph just
 * named and those of the cited sites; a fact one of the `covering` citations backs is preferred among equals.
 */
function readTerms(base: FactBase, { features, context, covering }: SentenceInput): SentenceEvidence | undefined {
  const index = sourceIndexOf(base);
  if (!index) return undefined;

  const direct = positionsBy(features.parties, (o) => o.partyId, (o) => o.token);
  const termTokens = positionsBy(contentTerms(features.tokens, features.mentions, index.partyWords), (t) => t.stem, (t) => t.token);
  // A writer's short form of a name ("Kinross" for "Kinross Water Partners") names that party too.
  const available = (id: string): boolean => direct.has(id) || context.has(id) || index.shortFormsOf(id).some((short) => direct.has(short));
  const kinds = new Set(features.mentions.map((m) => m.value.kind));
  const found = index.candidates(termTokens.keys(), [...direct.keys(), ...context]);
  // A date fact about a named party whose event a date's frame names ("approved … on", "granted … on") is a
  // candidate without shared words.
  const dated = new Set<Fact>();
  for (const id of direct.keys()) {
    for (const fact of index.factsAbout(id)) {
      if (fact.value?.kind !== 'date') continue;
      const target = factFrameOf(fact);
      if (!features.frames.some((frame) => sameEvent(frame, target))) continue;
      dated.add(fact);
      if (!found.has(fact)) found.set(fact, []);
    }
  }
  const hits = shortlist(index, found, kinds, available);
  if (hits.size === 0) return undefined;

  const backed = (fact: Fact): boolean => covering.length > 0 && isBackedBy(fact, covering, base);
  const score = (fact: Fact, shared: readonly string[], at: number): number => {
    let lexical = 0;
    for (const stem of shared) lexical += index.idf(stem) * index.weightOf(fact, stem) * proximity(distanceTo(termTokens.get(stem), at));
    // Dividing by the root of the fact's mass favours a short statement that the sentence covers well over a long one it grazes.
    let total = (2 * lexical) / Math.sqrt(Math.max(1, index.massOf(fact)));
    for (const id of fact.parties) if (available(id)) total += 2 * index.partyIdf(id) * proximity(distanceTo(direct.get(id), at));
    for (const id of fact.alsoAbout) if (available(id)) total += 0.5 * index.partyIdf(id) * proximity(distanceTo(direct.get(id), at));
    return total;
  };
  // The parties of an extracted fact are alternatives (those near its value in the note): the nearest one counts.
  const partyDistance = (fact: Fact, at: number): number => Math.min(CONTEXT_DISTANCE, ...fact.parties.map((id) => distanceTo(direct.get(id), at)));
  const candidate = (fact: Fact, shared: readonly string[], at: number): Candidate => ({
    fact,
    score: score(fact, shared, at),
    partyDistance: partyDistance(fact, at),
    backed: backed(fact),
  });

  return {
    candidates: (i, at) => {
      const mention = features.mentions[i] as Mention;
      const list: Candidate[] = [];
      for (const [fact, shared] of hits) {
        if (fact.value?.kind !== mention.value.kind) continue;
        const near = shared.filter((stem) => distanceTo(termTokens.get(stem), at) <= NEAR_DISTANCE).length;
        // The same dated event, with any of the statement's parties named, holds as well as its nearest party.
        const hold = partiesHold(fact, available) || dated.has(fact);
        // A statement the note made without naming its party may be restated the same way: many shared words stand in for it.
        if (!hold && !(fact.parties.length === 0 && near >= WORDS_FOR_PARTY)) continue;
        // Without a party of its own named, a fact needs a shared word near the value (two when its note named no party at all).
        const fromContext = !fact.parties.some((id) => direct.has(id));
        if (fromContext && near < (partiesOf(fact).length === 0 ? 2 : 1)) continue;
        list.push(candidate(fact, shared, at));
      }
      return list;
    },
    // The other values of the statements the sentence restated, whatever party stands nearest them there.
    related: (i, at, matched) => {
      const mention = features.mentions[i] as Mention;
      const statements = new Set(matched.flatMap((m) => index.statementOf(m.fact)));
      return [...statements].filter((fact) => fact.value?.kind === mention.value.kind).map((fact) => candidate(fact, hits.get(fact) ?? [], at));
    },
    // Every statement the sentence shares words with: a value equal to one of them restates it.
    *restated(i, at) {
      const kind = (features.mentions[i] as Mention).value.kind;
      for (const [fact, shared] of hits) if (fact.value?.kind === kind) yield candidate(fact, shared, at);
    },
    // A statement without a value is restated only by a sentence that speaks to nothing else.
    claims: (matched) => {
      if (matched.length > 0) return [];
      const claim = bestClaim(index, hits, termTokens, direct, backed);
      return claim ? [{ fact: claim, verdict: 'claim' }] : [];
    },
    equalsKnown: (m) =>
      [...direct.keys()].some((id) => index.factsOf(id).some((fact) => fact.value?.kind === m.value.kind && agrees(m.value, fact.value, fact.tolerance))),
  };
}

/**
 * The candidates worth scoring in full: claims, and facts of a kind the sentence states, best first by
 * a cheap score (shared words by idf, and an available party), at most {@link SHORTLIST} of each.
 */
function shortlist(
  index: SourceFactIndex,
  hits: Map<Fact, string[]>,
  kinds: ReadonlySet<string>,
  available: (id: string) => boolean,
): Map<Fact, string[]> {
  const rough = (fact: Fact, shared: string[]): number => {
    let total = 0;
    for (const stem of shared) total += index.idf(stem) * index.weightOf(fact, stem);
    if (fact.parties.some(available)) total += 2;
    return total;
  };
  const valued: Array<[Fact, string[], number]> = [];
  const claims: Array<[Fact, string[], number]> = [];
  for (const [fact, shared] of hits) {
    if (fact.value === undefined) claims.push([fact, shared, rough(fact, shared)]);
    else if (kinds.has(fact.value.kind)) valued.push([fact, shared, rough(fact, shared)]);
  }
  const best = (list: Array<[Fact, string[], number]>): Array<[Fact, string[]]> =>
    (list.length > SHORTLIST ? list.sort((a, b) => b[2] - a[2]).slice(0, SHORTLIST) : list).map(([fact, shared]) => [fact, shared]);
  return new Map([...best(valued), ...best(claims)]);
}


/**
 * The claim a sentence restates, if any: it names one of the claim's parties and the two share most
 * of their weighted content words, both ways.
 */
function bestClaim(
  index: SourceFactIndex,
  hits: Map<Fact, string[]>,
  termTokens: Map<string, number[]>,
  direct: Map<string, number[]>,
  backed: (fact: Fact) => boolean,
): Fact | undefined {
  let sentenceMass = 0;
  for (const stem of termTokens.keys()) sentenceMass += index.idf(stem);
  const passing: Array<{ fact: Fact; score: number }> = [];
  for (const [fact, shared] of hits) {
    if (fact.value !== undefined || shared.length < Math.max(CLAIM_MIN_SHARED, fact.minCues)) continue;
    if (!fact.parties.some((id) => direct.has(id))) continue;
    let sharedMass = 0;
    for (const stem of shared) sharedMass += index.idf(stem);
    const ofClaim = sharedMass / Math.max(1e-9, index.massOf(fact));
    const ofSentence = sharedMass / Math.max(1e-9, sentenceMass);
    if (ofClaim < CLAIM_COVERAGE || ofSentence < CLAIM_COVERAGE) continue;
    passing.push({ fact, score: ofClaim + ofSentence });
  }
  passing.sort((a, b) => b.score - a.score);
  return (passing.find((p) => backed(p.fact)) ?? passing[0])?.fact;
}

/**
 * Whether a sentence has the parties a value fact needs: one of its `parties` (for an extracted fact
 * they are alternatives: the parties near its value), or when it has none, any one of its other
 * parties (a fact with no party at all needs words alone).
 */
function partiesHold(fact: Fact, available: (id: string) => boolean): boolean {
  if (fact.parties.length > 0) return fact.parties.some(available);
  return fact.alsoAbout.length === 0 || fact.alsoAbout.some(available);
}

function partiesOf(fact: Fact): string[] {
  return [...fact.parties, ...fact.alsoAbout];
}


