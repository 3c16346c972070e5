/**
 * Candidates among curated facts, found through the lexicon's cue index. A curated fact applies when
 * the sentence names its parties (a fact with a value may also take them from the sentence the
 * paragraph just named them in) and uses enough of its cues; a value is read against it when one of
 * its cues stands near, or the value's frame names the fact's thing or event. The score weighs each
 * party and cue by rarity and by nearness to the value.
 */
import { agrees } from '../values';
import { isBackedBy } from '../citations';
import { factFrameOf } from '../claims/align';
import { sameThing } from '../claims/frame';
import { NOT_A_NAME } from '../claims/words';
import type { Fact, Mention } from '../types';
import { distanceTo, NEAR_DISTANCE, positionsBy, proximity } from './evidence';
import type { Lexicon } from './lexicon';
import type { Candidate, CandidateSource, FactMatch, SentenceEvidence, SentenceInput } from './matcher';

/** The candidate source of a lexicon's curated facts. */
export function cueSource(lexicon: Lexicon): CandidateSource {
  return { read: (sentence) => readCues(lexicon, sentence) };
}

function readCues(lexicon: Lexicon, { features, context, covering }: SentenceInput): SentenceEvidence {
  const direct = positionsBy(features.parties, (o) => o.partyId, (o) => o.token);
  const cues = lexicon.findCues(features.tokens);
  const cueTokens = new Map<Fact, Map<string, number[]>>();
  for (const occurrence of cues) {
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

  const found = new Set<Fact>(cueTokens.keys());
  // A fact about a named party whose thing or event a value's frame names is a candidate as if cued.
  const framed = new Set<Fact>();
  for (const partyId of direct.keys()) {
    for (const fact of lexicon.factsByParty.get(partyId) ?? []) {
      if (fact.minCues === 0) found.add(fact);
      else if (features.frames.some((frame) => sameThing(frame, factFrameOf(fact)))) {
        found.add(fact);
        framed.add(fact);
      }
    }
  }

  // Tokens that are known names or cue words; any other capitalised word may name another party.
  const explained = new Set<number>();
  for (const occurrence of features.parties) for (let k = 0; k < occurrence.length; k++) explained.add(occurrence.token + k);
  for (const occurrence of cues) for (let k = 0; k < occurrence.cue.split(' ').length; k++) explained.add(occurrence.token + k);
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
  const partiesHold = (fact: Fact): boolean => fact.parties.every((id) => direct.has(id) || context.has(id));

  const claims: FactMatch[] = [];
  const valued: Fact[] = [];
  for (const fact of found) {
    if ((cueTokens.get(fact)?.size ?? 0) + (framed.has(fact) ? 1 : 0) < fact.minCues || aboutSomeoneElse(fact)) continue;
    if (fact.value === undefined) {
      if (fact.parties.every((id) => direct.has(id))) claims.push({ fact, verdict: 'claim' });
    } else if (partiesHold(fact)) {
      valued.push(fact);
    }
  }

  const score = (fact: Fact, at: number): number => {
    let total = 0;
    for (const id of fact.parties) total += 2 * lexicon.partyWeight(id) * proximity(distanceTo(direct.get(id), at));
    for (const id of fact.alsoAbout) {
      if (direct.has(id) || context.has(id)) total += 0.5 * lexicon.partyWeight(id) * proximity(distanceTo(direct.get(id), at));
    }
    for (const [cue, tokens] of cueTokens.get(fact) ?? []) total += lexicon.cueWeight(cue) * proximity(distanceTo(tokens, at));
    return total;
  };
  // Every party of a curated fact is required: the farthest one is how far its parties stand.
  const partyDistance = (fact: Fact, at: number): number => Math.max(...fact.parties.map((id) => distanceTo(direct.get(id), at)), 0);
  const candidate = (fact: Fact, at: number): Candidate => ({
    fact,
    score: score(fact, at),
    partyDistance: partyDistance(fact, at),
    backed: covering.length > 0 && isBackedBy(fact, covering, lexicon.base),
  });

  // A value is read against a fact only when one of the fact's cues stands near it, or its own frame
  // names the fact's thing or event ("the NVIDIA tie-up had been made public on…"): as good as a cue.
  const nearEnough = (fact: Fact, at: number): boolean =>
    fact.minCues === 0 || [...(cueTokens.get(fact)?.values() ?? [])].some((tokens) => distanceTo(tokens, at) <= NEAR_DISTANCE);
  const sharesFrame = (index: number, fact: Fact): boolean => {
    const frame = features.frames[index];
    return frame !== undefined && sameThing(frame, factFrameOf(fact));
  };
  const ofKind = (facts: Iterable<Fact>, mention: Mention): Fact[] => [...facts].filter((fact) => fact.value?.kind === mention.value.kind);

  return {
    candidates: (index, at) =>
      ofKind(valued, features.mentions[index] as Mention)
        .filter((fact) => nearEnough(fact, at) || sharesFrame(index, fact))
        .map((fact) => candidate(fact, at)),
    // The subject's other facts, even without their own cues.
    related: (index, at, matched) => {
      const subjects = new Set(matched.map((m) => lexicon.subjectOf(m.fact)));
      const siblings = [...subjects].flatMap((subject) => lexicon.factsOfSubject(subject)).filter((fact) => partiesHold(fact) && !aboutSomeoneElse(fact));
      return ofKind(new Set(siblings), features.mentions[index] as Mention).map((fact) => candidate(fact, at));
    },
    // None: a curated fact's parties are exact, so a value's nearest party decides between facts the
    // sentence cues ("the NVIDIA partnership on February 24 and the AMD agreement on February 17").
    restated: () => [],
    claims: () => claims,
    // Never a hint on a figure that equals a known fact's value about a party the sentence names (the
    // deal's own "$21 billion" said of something the frame could not place).
    equalsKnown: (m) =>
      [...direct.keys()].some((id) => (lexicon.factsByParty.get(id) ?? []).some((fact) => fact.value?.kind === m.value.kind && agrees(m.value, fact.value, fact.tolerance))),
  };
}
