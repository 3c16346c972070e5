/**
 * Decides which facts a sentence speaks to. A fact applies when the sentence names its parties
 * (a fact with a value may also take them from the sentence the paragraph just named them in),
 * uses enough of its cues, and, for a fact with a value, states a value of the same kind. Each
 * value goes to the fact whose evidence stands nearest to it; a value that no fact of the
 * sentence's subject owns is not compared at all.
 */
import { agrees } from '../values';
import { align, factFrameOf, rangeHolds } from '../claims/align';
import { sameThing, type ClaimFrame } from '../claims/frame';
import { NOT_A_NAME } from '../claims/words';
import type { Fact, Mention, Span, ValueKind } from '../types';
import type { CueOccurrence, Lexicon, PartyOccurrence, Token } from './lexicon';

/** The words, parties and values of one sentence. */
export interface SentenceFeatures {
  tokens: Token[];
  parties: PartyOccurrence[];
  cues: CueOccurrence[];
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

/** Whether a value (with its frame) agrees with a fact: a range agrees when it contains the fact's value. */
export function valueAgrees(mention: Mention, frame: ClaimFrame | undefined, fact: Fact): boolean {
  if (!fact.value) return false;
  if (frame?.role === 'within' && frame.partner) return rangeHolds(mention, frame.partner, fact);
  return agrees(mention.value, fact.value, fact.tolerance);
}

/** Records, for explain, the aligned candidates of a value that another fact beat. */
export function traceOutscored(features: SentenceFeatures, mention: Mention, ranked: Array<{ fact: Fact; score: number }>, chosen: Fact | undefined): void {
  if (!features.trace) return;
  for (const r of ranked) {
    if (r.fact !== chosen) features.trace.push({ mention, fact: r.fact, score: r.score, outcome: `not taken: ${chosen ? `${chosen.id} fits better` : 'no fact fits'}` });
  }
}

/**
 * Keeps the facts whose frame aligns with the value's, recording the others in the trace.
 */
export function alignedFacts<T extends { fact: Fact }>(features: SentenceFeatures, index: number, ranked: T[]): T[] {
  const mention = features.mentions[index] as Mention;
  const frame = features.frames[index];
  if (!frame) return ranked;
  return ranked.filter((r) => {
    const alignment = align(frame, mention, r.fact);
    if (!alignment.aligned) features.trace?.push({ mention, fact: r.fact, outcome: `ruled out: ${alignment.reason}` });
    return alignment.aligned;
  });
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

interface Ranked {
  fact: Fact;
  score: number;
}

type ScoredMatch = FactMatch & { score: number; mention: Mention };

/** What a sentence was found to say. */
export interface SentenceMatches {
  matches: FactMatch[];
  /** Values about a named party that no fact speaks to. */
  unsupported: Mention[];
}

/** Distance in tokens at which context-only evidence counts; beyond any near mention. */
const CONTEXT_DISTANCE = 12;
/** How near (in tokens) one of a fact's cues must stand to a value for the value to be read against it. */
const CUE_DISTANCE = 8;

/** An alternative fact that the value agrees with wins only with at least this share of the best score. */
const ALTERNATIVE_SHARE = 0.5;

/**
 * Kinds for which a value about a known party with no fact is reported as unsupported; durations
 * are left out because they are so often relative ("a week later").
 */
const UNSUPPORTED_KINDS = new Set<ValueKind>(['money', 'date']);

/** The weight of evidence `distance` tokens from a value: 1 beside it, falling off with distance. */
export function proximity(distance: number): number {
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
  // A fact about a named party whose thing or event a value's frame names is a candidate as if cued.
  const framed = new Set<Fact>();
  for (const partyId of direct.keys()) {
    for (const fact of lexicon.factsByParty.get(partyId) ?? []) {
      if (fact.minCues === 0) candidates.add(fact);
      else if (features.frames.some((frame) => sameThing(frame, factFrameOf(fact)))) {
        candidates.add(fact);
        framed.add(fact);
      }
    }
  }

  // Tokens that are known names or cue words; any other capitalised word may name another party.
  const explained = new Set<number>();
  for (const occurrence of features.parties) for (let k = 0; k < occurrence.length; k++) explained.add(occurrence.token + k);
  for (const occurrence of features.cues) for (let k = 0; k < occurrence.cue.split(' ').length; k++) explained.add(occurrence.token + k);
  // A sentence's first word is capitalised anyway; one that reads as a verb or adverb ("Asked why…",
  // "Taken together…", "Notably…") is not a name.
  const namesOtherParty = features.tokens.some(
    (token, index) =>
      !explained.has(index) && /^\p{Lu}/u.test(token.text) && !NOT_A_NAME.has(token.text) && !(index === 0 && /(?:ed|en|ing|ly)$/.test(token.text)),
  );
  // A fact whose optional parties are all absent, in a sentence that names someone else, is about that
  // someone else: "Microsoft signed a $10 billion agreement with CoreWeave" is not Meta's deal.
  const aboutSomeoneElse = (fact: Fact): boolean =>
    namesOtherParty && fact.alsoAbout.length > 0 && !fact.alsoAbout.some((id) => direct.has(id) || context.has(id));

  const claims: FactMatch[] = [];
  const valued: Fact[] = [];
  for (const fact of candidates) {
    if ((cueTokens.get(fact)?.size ?? 0) + (framed.has(fact) ? 1 : 0) < fact.minCues || aboutSomeoneElse(fact)) continue;
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

  // A value is read against a fact only when one of the fact's cues stands near it.
  const nearEnough = (fact: Fact, at: number): boolean =>
    fact.minCues === 0 || [...(cueTokens.get(fact)?.values() ?? [])].some((tokens) => distanceTo(tokens, at) <= CUE_DISTANCE);

  // The value's own frame names the fact's thing or event ("the NVIDIA tie-up had been made public on…"): as good as a cue.
  const sharesFrame = (index: number, fact: Fact): boolean => {
    const frame = features.frames[index];
    return frame !== undefined && sameThing(frame, factFrameOf(fact));
  };

  const rank = (facts: Iterable<Fact>, index: number, at: number, needCue: boolean): Ranked[] => {
    const mention = features.mentions[index] as Mention;
    const ranked = [...facts]
      .filter((fact) => fact.value?.kind === mention.value.kind && (!needCue || nearEnough(fact, at) || sharesFrame(index, fact)))
      .map((fact) => ({ fact, score: score(fact, at) }))
      .sort((a, b) => b.score - a.score);
    return alignedFacts(features, index, ranked);
  };

  const decide = (index: number, at: number, ranked: Ranked[]): ScoredMatch | undefined => {
    const mention = features.mentions[index] as Mention;
    const best = ranked[0];
    if (!best) return undefined;
    const agreesWith = (fact: Fact): boolean => valueAgrees(mention, features.frames[index], fact);
    if (agreesWith(best.fact)) return { fact: best.fact, verdict: 'agrees', mention, score: best.score };
    const bestDistance = partyDistance(best.fact, at);
    const alternative = ranked.find(
      (r) => r !== best && r.score >= ALTERNATIVE_SHARE * best.score && partyDistance(r.fact, at) <= bestDistance && agreesWith(r.fact),
    );
    return alternative
      ? { fact: alternative.fact, verdict: 'agrees', mention, score: alternative.score }
      : { fact: best.fact, verdict: 'mismatch', mention, score: best.score };
  };

  const valueMatches: ScoredMatch[] = [];
  const unmatched: number[] = [];
  features.mentions.forEach((mention, index) => {
    const at = mentionTokens[index] as number;
    const ranked = rank(valued, index, at, true);
    const match = decide(index, at, ranked);
    traceOutscored(features, mention, ranked, match?.fact);
    if (match) valueMatches.push(match);
    else unmatched.push(index);
  });

  // A sentence that rightly states one value of a subject ("through December 2032") speaks of that
  // subject: its other values are read against the subject's other facts even without their own cues.
  const subjects = new Set(valueMatches.filter((m) => m.verdict === 'agrees').map((m) => lexicon.subjectOf(m.fact)));
  const unowned: Mention[] = [];
  for (const index of unmatched) {
    const mention = features.mentions[index] as Mention;
    const at = mentionTokens[index] as number;
    const siblings = [...subjects]
      .flatMap((subject) => lexicon.factsOfSubject(subject))
      .filter((fact) => fact.parties.every((id) => direct.has(id) || context.has(id)) && !aboutSomeoneElse(fact));
    const ranked = rank(new Set(siblings), index, at, false);
    const match = decide(index, at, ranked);
    traceOutscored(features, mention, ranked, match?.fact);
    if (match) valueMatches.push(match);
    else unowned.push(mention);
  }

  // One value speaks for a fact per sentence. A value that confirms the fact settles it; otherwise the
  // value nearest the fact's evidence speaks for it, and the others are about something else
  // ("its backlog reached $30 billion, including a $14 billion deal with Meta").
  const owner = new Map<Fact, ScoredMatch>();
  for (const match of valueMatches) {
    const current = owner.get(match.fact);
    const better =
      !current ||
      (match.verdict === 'agrees' && current.verdict !== 'agrees') ||
      (match.verdict === current.verdict && match.score > current.score);
    if (better) owner.set(match.fact, match);
  }
  const matches: FactMatch[] = [];
  for (const match of valueMatches) {
    if (owner.get(match.fact) === match) matches.push({ fact: match.fact, verdict: match.verdict, mention: match.mention });
    else if (match.verdict === 'mismatch') unowned.push(match.mention);
    features.trace?.push({
      mention: match.mention,
      fact: match.fact,
      score: match.score,
      outcome: owner.get(match.fact) === match ? `taken: ${match.verdict === 'agrees' ? 'agrees' : 'disagrees'}` : 'not taken: another value of the sentence speaks for this fact',
    });
  }
  matches.push(...claims);
  // Never a hint on a figure that equals a known fact's value about a party the sentence names (the
  // deal's own "$21 billion" said of something the frame could not place).
  const equalsKnown = (m: Mention): boolean =>
    [...direct.keys()].some((id) => (lexicon.factsByParty.get(id) ?? []).some((fact) => fact.value?.kind === m.value.kind && agrees(m.value, fact.value, fact.tolerance)));
  const unsupported = direct.size > 0 ? unowned.filter((m) => UNSUPPORTED_KINDS.has(m.value.kind) && !isYearOnly(m) && !equalsKnown(m)) : [];
  unsupported.sort((a, b) => a.span.start - b.span.start);
  return { matches, unsupported };
}

function isYearOnly(mention: Mention): boolean {
  return mention.value.kind === 'date' && mention.value.granularity === 'year';
}

/** Index of the token at or after `offset` (the token a value starts with). */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
