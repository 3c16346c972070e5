/**
 * The one matcher: decides which facts a sentence speaks to, curated facts and facts read from source
 * notes alike. Candidate sources find the facts a sentence may speak to and weigh their evidence
 * (match/cues.ts: curated facts through their cue words; match/terms.ts: extracted facts through the
 * words they share with the sentence). Every candidate then goes the same way:
 *
 * 1. a fact whose frame does not align with the value's is ruled out (claims/align.ts);
 * 2. the best-scoring fact owns the value, unless one the value agrees with and whose parties stand no
 *    farther makes the value right rather than the best one wrong (when in doubt, stay silent);
 * 3. a value no fact took is read against the facts related to those the sentence's other values matched;
 * 4. one value speaks for a fact per sentence: one that confirms it, else the best-scoring one;
 * 5. a money or date value about a named party that no fact took is an `unsupported` hint, unless it
 *    equals a known fact's value.
 *
 * Sources go in order: a value an earlier source's fact owns is not read again by a later one.
 */
import type { Citation } from '../citations';
import { agrees } from '../values';
import { align, rangeHolds } from '../claims/align';
import type { ClaimFrame } from '../claims/frame';
import type { Fact, Mention, Span, ValueKind } from '../types';
import { tokenAt } from './evidence';
import type { PartyOccurrence } from './lexicon';
import type { Token } from '../text/tokens';

/** The words, parties and values of one sentence. */
export interface SentenceFeatures {
  tokens: Token[];
  parties: PartyOccurrence[];
  mentions: Mention[];
  /** The claim frame of each mention, index for index. */
  frames: ClaimFrame[];
  /** When set, every fact considered for a value is recorded here with why it was taken or ruled out. */
  trace?: CandidateTrace[];
}

/** One fact considered for one value, for `sourcecheck explain`. */
export interface CandidateTrace {
  mention: Mention;
  fact: Fact;
  /** Taken as the value's fact, or why not. */
  outcome: string;
  score?: number;
}

/** A fact a sentence speaks to, with the value that speaks to it and whether it agrees. */
export interface FactMatch {
  fact: Fact;
  /** `claim` for a fact without a value. */
  verdict: 'agrees' | 'mismatch' | 'claim';
  mention?: Mention;
  /** Set on a value that repeats one the draft already stated: where it was first stated (document offsets). */
  repeatOf?: Span;
  /** Set when the fact came from the draft's context ("the deal" after a sentence about the deal). */
  fromContext?: boolean;
  /** Set when a cited sentence earlier in the draft already stated the same: no citation is needed again. */
  restates?: boolean;
}

/** What a sentence was found to say. */
export interface SentenceMatches {
  matches: FactMatch[];
  /** Values about a named party that no fact speaks to. */
  unsupported: Mention[];
}

/** A fact proposed for one value, with the evidence that the value speaks to it. */
export interface Candidate {
  fact: Fact;
  /** How strongly the sentence's evidence near the value points at the fact. */
  score: number;
  /** Tokens from the value to the fact's parties as the source reads them (context counts as far). */
  partyDistance: number;
  /** Whether a citation covering the sentence backs the fact: among facts that fit as well, the one the writer relies on. */
  backed: boolean;
}

/** A sentence as a candidate source reads it. */
export interface SentenceInput {
  features: SentenceFeatures;
  /** Parties the paragraph just named and those of the cited sites. */
  context: ReadonlySet<string>;
  /** The citations that cover the sentence. */
  covering: Citation[];
}

/** What one candidate source found for one sentence. */
export interface SentenceEvidence {
  /** The facts value `index` (at token `at`) may speak to, in the source's order; ties keep it. */
  candidates(index: number, at: number): Candidate[];
  /**
   * The facts a value that no candidate took is read against, given the facts of this source that the
   * sentence's other values agree with (`matched`): a sentence that rightly states one value of a
   * subject or a statement speaks of it.
   */
  related(index: number, at: number, matched: readonly FactMatch[]): Candidate[];
  /**
   * Facts the sentence may restate beyond the value's candidates, whatever party stands nearest: a
   * value equal to one of theirs restates it rather than contradicting the best one.
   */
  restated(index: number, at: number): Iterable<Candidate>;
  /** Facts without a value the sentence states, given every match found so far. */
  claims(matched: readonly FactMatch[]): FactMatch[];
  /** Whether a value equals a known fact's value about a party the sentence names (never an unsupported hint). */
  equalsKnown(mention: Mention): boolean;
}

/** Proposes the facts of one kind of evidence for a sentence's values. */
export interface CandidateSource {
  /** What the source finds in a sentence; undefined when none of its facts can apply. */
  read(sentence: SentenceInput): SentenceEvidence | undefined;
}

/** A fact the value agrees with beats the best-scoring one only when backed and this close in score. */
const ALTERNATIVE_SHARE = 0.5;

/**
 * Kinds for which a value about a known party with no fact is reported as unsupported; durations
 * are left out because they are so often relative ("a week later").
 */
const UNSUPPORTED_KINDS = new Set<ValueKind>(['money', 'date']);

/** Whether a value (with its frame) agrees with a fact: a range agrees when it contains the fact's value. */
export function valueAgrees(mention: Mention, frame: ClaimFrame | undefined, fact: Fact): boolean {
  if (!fact.value) return false;
  if (frame?.role === 'within' && frame.partner) return rangeHolds(mention, frame.partner, fact);
  return agrees(mention.value, fact.value, fact.tolerance);
}

interface Decision {
  candidate: Candidate;
  verdict: 'agrees' | 'mismatch';
  mention: Mention;
  /** Why this candidate rather than the best-scoring one, for explain. */
  why?: string;
}

/**
 * Matches a sentence: each source in turn proposes candidates for the values no earlier source's
 * fact owns, and one decision path takes or rules them out.
 */
export function matchSentence(sources: readonly CandidateSource[], sentence: SentenceInput): SentenceMatches {
  const { features } = sentence;
  const mentionTokens = features.mentions.map((mention) => tokenAt(features.tokens, mention.span.start));
  const matches: FactMatch[] = [];
  const owned = new Set<Mention>();
  // Values a fact took, kept or not: an agreeing value that another value outranked is still spoken for.
  const spokenFor = new Set<Mention>();
  const read: SentenceEvidence[] = [];
  for (const source of sources) {
    const evidence = source.read(sentence);
    if (!evidence) continue;
    read.push(evidence);
    const decided: Decision[] = [];
    const unmatched: number[] = [];
    features.mentions.forEach((mention, index) => {
      if (owned.has(mention)) return;
      const at = mentionTokens[index] as number;
      const ranked = alignedFacts(features, index, byScore(evidence.candidates(index, at)));
      const decision = decide(features, index, ranked, () => evidence.restated(index, at));
      traceOutscored(features, mention, ranked, decision?.candidate.fact);
      if (decision) decided.push(decision);
      else unmatched.push(index);
    });
    // A sentence that rightly states one value of a subject or statement ("through December 2032") speaks of it.
    const rightlyStated = decided.filter((d) => d.verdict === 'agrees').map(asMatch);
    for (const index of unmatched) {
      const mention = features.mentions[index] as Mention;
      const at = mentionTokens[index] as number;
      const ranked = alignedFacts(features, index, byScore(evidence.related(index, at, rightlyStated)));
      const decision = decide(features, index, ranked, () => []);
      traceOutscored(features, mention, ranked, decision?.candidate.fact);
      if (decision) decided.push(decision);
    }
    for (const decision of oneValuePerFact(features, decided)) {
      matches.push(asMatch(decision));
      owned.add(decision.mention);
    }
    for (const decision of decided) if (decision.verdict === 'agrees') spokenFor.add(decision.mention);
    matches.push(...evidence.claims(matches));
  }
  if (features.parties.length === 0) return { matches, unsupported: [] };
  const unsupported = features.mentions.filter(
    (m) => !owned.has(m) && !spokenFor.has(m) && UNSUPPORTED_KINDS.has(m.value.kind) && !isYearOnly(m) && !read.some((e) => e.equalsKnown(m)),
  );
  unsupported.sort((a, b) => a.span.start - b.span.start);
  return { matches, unsupported };
}

function asMatch(decision: Decision): FactMatch {
  return { fact: decision.candidate.fact, verdict: decision.verdict, mention: decision.mention };
}

/** Best score first; equal scores keep the source's order. */
function byScore(candidates: Candidate[]): Candidate[] {
  return candidates.sort((a, b) => b.score - a.score);
}

/** Keeps the facts whose frame aligns with the value's, recording the others in the trace. */
function alignedFacts(features: SentenceFeatures, index: number, ranked: Candidate[]): Candidate[] {
  const mention = features.mentions[index] as Mention;
  const frame = features.frames[index];
  if (!frame) return ranked;
  return ranked.filter((r) => {
    const alignment = align(frame, mention, r.fact);
    if (!alignment.aligned) features.trace?.push({ mention, fact: r.fact, outcome: `ruled out: ${alignment.reason}` });
    return alignment.aligned;
  });
}

/** Records, for explain, the aligned candidates of a value that another fact beat. */
function traceOutscored(features: SentenceFeatures, mention: Mention, ranked: Candidate[], chosen: Fact | undefined): void {
  if (!features.trace) return;
  for (const r of ranked) {
    if (r.fact !== chosen) features.trace.push({ mention, fact: r.fact, score: r.score, outcome: `not taken: ${chosen ? `${chosen.id} fits better` : 'no fact fits'}` });
  }
}

/** The fact that owns a value: the best-scoring one, unless one the value agrees with makes it right. */
function decide(features: SentenceFeatures, index: number, ranked: Candidate[], restated: () => Iterable<Candidate>): Decision | undefined {
  const mention = features.mentions[index] as Mention;
  const frame = features.frames[index];
  const best = ranked[0];
  if (!best) return undefined;
  const agreesWith = (r: Candidate): boolean => valueAgrees(mention, frame, r.fact);
  if (agreesWith(best)) {
    // Several facts may give the same value; one the draft's citation backs is the one it relies on.
    const cited = ranked.find((r) => r.score >= ALTERNATIVE_SHARE * best.score && r.backed && agreesWith(r));
    if (cited && cited !== best) return { candidate: cited, verdict: 'agrees', mention, why: 'a covering citation backs it' };
    return { candidate: best, verdict: 'agrees', mention };
  }
  // Any fact the sentence may speak to that the value agrees with makes the value right rather than the
  // best-scoring fact wrong. A fact that names no party of its own is not farther from the value than the best one.
  const alternatives = ranked.filter((r) => r !== best && (r.fact.parties.length === 0 || r.partyDistance <= best.partyDistance) && agreesWith(r));
  const alternative = alternatives.find((r) => r.backed) ?? alternatives[0];
  if (alternative) return { candidate: alternative, verdict: 'agrees', mention, why: `the value is right for it, wrong for ${best.fact.id}` };
  // A value that equals another fact the sentence shows evidence for is that fact's, not a wrong figure
  // for the best-scoring one ("approves $340 million North Basin water plant deal").
  for (const same of restated()) {
    if (same.fact.value?.kind === mention.value.kind && agreesWith(same) && (!frame || align(frame, mention, same.fact).aligned)) {
      return { candidate: same, verdict: 'agrees', mention, why: 'the sentence restates it' };
    }
  }
  // A slip lands near the truth: "24 months" beside a 26-month build and a 30-year term is the build's.
  const near = ranked.find((r) => r !== best && spread(mention, r.fact) < 1.5 && spread(mention, best.fact) > 3);
  if (near) return { candidate: near, verdict: 'mismatch', mention, why: 'its value is nearest: a slip' };
  return { candidate: best, verdict: 'mismatch', mention };
}

/**
 * One value speaks for a fact per sentence. A value that confirms the fact settles it; otherwise the
 * best-scoring value speaks for it, and the others are about something else ("its backlog reached
 * $30 billion, including a $14 billion deal with Meta"). Returns the kept decisions in order.
 */
function oneValuePerFact(features: SentenceFeatures, decided: Decision[]): Decision[] {
  const owner = new Map<Fact, Decision>();
  for (const decision of decided) {
    const current = owner.get(decision.candidate.fact);
    const better =
      !current ||
      (decision.verdict === 'agrees' && current.verdict !== 'agrees') ||
      (decision.verdict === current.verdict && decision.candidate.score > current.candidate.score);
    if (better) owner.set(decision.candidate.fact, decision);
  }
  return decided.filter((decision) => {
    const kept = owner.get(decision.candidate.fact) === decision;
    features.trace?.push({
      mention: decision.mention,
      fact: decision.candidate.fact,
      score: decision.candidate.score,
      outcome: kept
        ? `taken: ${decision.verdict === 'agrees' ? 'agrees' : 'disagrees'}${decision.why ? ` (${decision.why})` : ''}`
        : 'not taken: another value of the sentence speaks for this fact',
    });
    return kept;
  });
}

/** How far apart a value and a fact's value are, as a ratio of the larger to the smaller (Infinity when not comparable). */
function spread(mention: Mention, fact: Fact): number {
  const a = magnitude(mention.value);
  const b = fact.value ? magnitude(fact.value) : undefined;
  if (a === undefined || b === undefined || a <= 0 || b <= 0) return Infinity;
  return Math.max(a, b) / Math.min(a, b);
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365, decade: 3650 };

function magnitude(value: NonNullable<Fact['value']>): number | undefined {
  if (value.kind === 'money') return value.amount;
  if (value.kind === 'duration') return value.amount * (UNIT_DAYS[value.unit] ?? 1);
  return undefined;
}

function isYearOnly(mention: Mention): boolean {
  return mention.value.kind === 'date' && mention.value.granularity === 'year';
}
