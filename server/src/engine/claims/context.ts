/**
 * Draft-wide context, applied after every sentence is matched on its own:
 *
 * - a figure repeated later in the draft takes the verdict of the occurrence that matched
 *   ("Handing $2.4 billion to a supplier…" after "$2.4 billion for more capacity"), and points there;
 * - "the deal", "the agreement" refers to the deal the draft already established, so a value whose
 *   frame names that thing is read against that subject's facts.
 *
 * The pass never changes the sentences it is given (the incremental checker caches them); it returns
 * new sentence objects where it adds matches.
 */
import type { AnalyzedSentence } from '../analyze';
import { sourceSpan } from '../analyze';
import type { Lexicon } from '../match/lexicon';
import { valueAgrees, type FactMatch } from '../match/matcher';
import type { Fact, Mention, Span, Value } from '../types';
import { align, factFrameOf } from './align';
import type { ClaimFrame } from './frame';
import { agrees } from '../values';
import { getOrCreate } from '../util/maps';

interface Established {
  fact: Fact;
  verdict: 'agrees' | 'mismatch';
  mention: Mention;
  at: Span;
}

/** The sentences with the matches the draft's context adds. */
export function withDraftContext(sentences: AnalyzedSentence[], lexicon: Lexicon): AnalyzedSentence[] {
  const established = new Map<string, Established[]>();
  const subjects: string[] = [];
  const others = otherInstanceValues(sentences);
  // What cited sentences have stated so far, by fact: a later sentence that says the same again needs no citation.
  const cited = new Map<Fact, FactMatch[]>();
  let changed = false;
  const corrected = correctedClaims(sentences);
  const result = sentences.map((sentence, i) => {
    // A figure the draft elsewhere gives for another instance ("the original $14.2
    // billion contract") is that same figure here too, unless this sentence frames it itself.
    const dropped = sentence.matches.length === 0 ? NO_MATCHES : sentence.matches.filter((m) => {
      if (m.verdict !== 'mismatch' || !m.mention) return false;
      if (corrected.has(m)) return true;
      const frame = sentence.frames[sentence.mentions.indexOf(m.mention)];
      return !frame?.instance && !frame?.aggregate && others.some((v) => sameValue(v, (m.mention as Mention).value));
    });
    if (dropped.length > 0) {
      changed = true;
      sentence = { ...sentence, matches: sentence.matches.filter((m) => !dropped.includes(m)) };
    }
    // Most sentences match nothing: they need no sets or copies of their own.
    const owned = sentence.matches.length === 0 ? NO_MENTIONS : new Set(sentence.matches.flatMap((m) => (m.mention ? [m.mention] : [])));
    const added: FactMatch[] = [];
    let repeated: Set<Mention> | undefined;
    for (let index = 0; index < sentence.mentions.length; index++) {
      const mention = sentence.mentions[index] as Mention;
      if (owned.has(mention)) continue;
      const frame = sentence.frames[index];
      if (!frame || frame.negated || frame.loose) continue;
      const repeat = repeatOf(mention, frame, established, sentence);
      if (repeat && repeat.verdict === 'mismatch' && isCorrected(sentences, i, repeat.fact, mention)) continue;
      if (repeat) {
        added.push({ fact: repeat.fact, verdict: repeat.verdict, mention, repeatOf: repeat.at });
        (repeated ??= new Set()).add(mention);
        continue;
      }
      const referred = referredFact(mention, frame, sentence, subjects, lexicon);
      if (referred && !(referred.verdict === 'mismatch' && isCorrected(sentences, i, referred.fact, mention))) added.push(referred);
    }
    const all = added.length === 0 ? sentence.matches : [...sentence.matches, ...added];
    const restated: FactMatch[] = [];
    if (sentence.cited.coveredBy.length === 0) {
      for (const match of all) if (!match.repeatOf && saysAgain(match, cited.get(match.fact))) restated.push(match);
    } else {
      for (const match of all) getOrCreate(cited, match.fact, () => []).push(match);
    }
    for (const match of all) {
      if (!match.mention || match.verdict === 'claim' || match.repeatOf) continue;
      const key = valueKey(match.mention.value);
      if (key !== undefined) {
        getOrCreate(established, key, () => []).push({ fact: match.fact, verdict: match.verdict, mention: match.mention, at: sourceSpan(sentence.block, shift(match.mention.span, sentence.cited.plain.start)) });
      }
      const subject = lexicon.subjectOf(match.fact);
      if (!subjects.includes(subject)) subjects.push(subject);
    }
    if (added.length === 0 && restated.length === 0) return sentence;
    changed = true;
    const restate = (m: FactMatch): FactMatch => (restated.includes(m) ? { ...m, restates: true } : m);
    return {
      ...sentence,
      matches: [...sentence.matches, ...added].map(restate),
      unsupported: sentence.unsupported.filter((m) => !added.some((a) => a.mention === m) && !repeated?.has(m)),
    };
  });
  return changed ? result : sentences;
}

const NO_MATCHES: FactMatch[] = [];
const NO_MENTIONS: ReadonlySet<Mention> = new Set();

/**
 * Wrong values that the draft corrects at once: the same sentence, or the next one in its paragraph,
 * gives the fact's right value after them ("Some reports said $12 billion; CoreWeave said about $21
 * billion.", "A post said the deal ends in 2030. The release says December 2032."). A wrong value
 * stated after a right one is not corrected: it is a new claim.
 */
function correctedClaims(sentences: AnalyzedSentence[]): Set<FactMatch> {
  const corrected = new Set<FactMatch>();
  sentences.forEach((sentence, i) => {
    for (const match of sentence.matches) {
      if (match.verdict === 'mismatch' && match.mention && isCorrected(sentences, i, match.fact, match.mention)) corrected.add(match);
    }
  });
  return corrected;
}

/**
 * Whether sentence `i` or the next one in its paragraph gives `fact`'s right value after `mention`
 * ("It isn't: CoreWeave put it at approximately $21 billion"), or the next one disowns the figure
 * ("That figure was wrong").
 */
function isCorrected(sentences: AnalyzedSentence[], i: number, fact: Fact, mention: Mention): boolean {
  const sentence = sentences[i] as AnalyzedSentence;
  const next = sentences[i + 1];
  // The right value itself, as a plain claim: not a range, an earlier instance, a total or a denial.
  const rightValue = (m: Mention, index: number, frames: ClaimFrame[]): boolean => {
    const frame = frames[index];
    if (m.value.kind !== mention.value.kind || !frame || frame.negated || frame.loose || frame.role === 'within') return false;
    if (frame.instance === 'earlier' || frame.instance === 'compared' || frame.aggregate) return false;
    return valueAgrees(m, frame, fact);
  };
  // A later value the sentence gives for another fact ("…on February 24, and its AMD agreement on February 17") corrects nothing.
  const elsewhere = (s: AnalyzedSentence, m: Mention) => s.matches.some((x) => x.mention === m && x.fact !== fact);
  if (sentence.mentions.some((m, k) => m.span.start > mention.span.start && !elsewhere(sentence, m) && rightValue(m, k, sentence.frames))) return true;
  // The words right after the sentence, analysed or not ("*That figure was wrong; see the correction.*").
  if (DISOWNS.test(sentence.block.text.slice(sentence.cited.plain.end, sentence.cited.plain.end + 160))) return true;
  if (!next || next.block !== sentence.block) return false;
  const namesParty = [...fact.parties, ...fact.alsoAbout].some((id) => next.parties.includes(id));
  return namesParty && next.mentions.some((m, k) => !elsewhere(next, m) && rightValue(m, k, next.frames));
}

/** "That figure was wrong", "This number is incorrect": the sentence before reported a wrong figure. */
const DISOWNS = /^[\s*_)]*(?:\([^)]*\)\s*)*[\s*_]*(?:that|this|the)\s+(?:figure|number|estimate|report|claim|amount|date)\s+(?:was|is|proved|turned out to be)\s+(?:wrong|incorrect|inaccurate|false|mistaken|an error)\b/i;

/**
 * Whether a match says again what a cited sentence already stated for its fact: the same claim, a
 * value that agrees with the fact, or the same (wrong) value again.
 */
function saysAgain(match: FactMatch, stated: FactMatch[] | undefined): boolean {
  if (!stated || stated.length === 0) return false;
  if (match.verdict !== 'mismatch') return stated.some((s) => s.verdict !== 'mismatch');
  const value = match.mention?.value;
  return value !== undefined && stated.some((s) => s.mention !== undefined && agrees(value, s.mention.value));
}

/** The values the draft frames as another instance of their thing (an earlier or a dated one). */
function otherInstanceValues(sentences: AnalyzedSentence[]): Value[] {
  const values: Value[] = [];
  for (const sentence of sentences) {
    sentence.frames.forEach((frame, index) => {
      if (frame.negated || !(frame.instance === 'earlier' || frame.instance === 'dated')) return;
      const mention = sentence.mentions[index];
      if (mention && mention.value.kind !== 'ordinal') values.push(mention.value);
    });
  }
  return values;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** The latest occurrence of the same value that matched a fact whose frame this one fits. */
function repeatOf(mention: Mention, frame: ClaimFrame, established: Map<string, Established[]>, sentence: AnalyzedSentence): Established | undefined {
  if (mention.value.kind === 'ordinal' || (mention.value.kind === 'date' && mention.value.granularity === 'year')) return undefined;
  const key = valueKey(mention.value);
  const same = key === undefined ? undefined : established.get(key);
  if (!same) return undefined;
  for (let i = same.length - 1; i >= 0; i--) {
    const e = same[i] as Established;
    // A sentence that gives the fact's right value beside it reports the figure, it does not repeat it.
    if (e.verdict === 'mismatch' && sentence.matches.some((m) => m.fact === e.fact && m.verdict === 'agrees')) continue;
    if (align(frame, mention, e.fact).aligned) return e;
  }
  return undefined;
}

/**
 * The fact a definite reference means: "the agreement runs through 2033" in a draft that already
 * established the deal. The value's frame must name the fact's thing, and only one fact of the
 * established subjects may fit.
 */
function referredFact(mention: Mention, frame: ClaimFrame, sentence: AnalyzedSentence, subjects: string[], lexicon: Lexicon): FactMatch | undefined {
  if (!frame.definite || frame.thing === undefined || subjects.length === 0) return undefined;
  // A sentence that names parties of its own speaks of them; it may still mean the established deal
  // when it names only parties of that deal ("If Meta is right, … by the time the pact ends in 2033").
  const facts = subjects
    .flatMap((subject) => lexicon.factsOfSubject(subject))
    .filter((fact) => sentence.parties.every((id) => fact.parties.includes(id) || fact.alsoAbout.includes(id)));
  const fitting = facts
    .filter((fact) => fact.value?.kind === mention.value.kind && factFrameOf(fact).thing === frame.thing && align(frame, mention, fact).aligned);
  const agreeing = fitting.find((fact) => valueAgrees(mention, frame, fact));
  if (agreeing) return { fact: agreeing, verdict: 'agrees', mention, fromContext: true };
  if (fitting.length !== 1) return undefined;
  return { fact: fitting[0] as Fact, verdict: 'mismatch', mention, fromContext: true };
}

/** A key under which the same figure (same amount, date or span) is filed; none for ordinals. */
function valueKey(value: Value): string | undefined {
  if (value.kind === 'money') return `m|${value.currency}|${value.amount}`;
  if (value.kind === 'date') return `d|${value.year}|${value.month}|${value.day}|${value.granularity}`;
  if (value.kind === 'duration') return `t|${value.amount}|${value.unit}`;
  return undefined;
}

/** Whether two values are the same figure as written (same amount, date or span). */
function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'money' && b.kind === 'money') return a.currency === b.currency && a.amount === b.amount;
  if (a.kind === 'date' && b.kind === 'date') return a.year === b.year && a.month === b.month && a.day === b.day && a.granularity === b.granularity;
  if (a.kind === 'duration' && b.kind === 'duration') return a.amount === b.amount && a.unit === b.unit;
  return false;
}
