/**
 * Joining extracted facts to a curated fact base. Curated facts win where both speak to the same
 * thing: an extracted fact is dropped when a curated fact of the same kind quotes an overlapping part
 * of the same note (with an agreeing value, when they have values: a sentence may give two dates and
 * the curated base take only one), or when a curated fact about a shared party gives an agreeing value
 * and shares its words.
 */
import { tokenize } from '../text/tokens';
import type { Fact, FactBase, Range } from '../types';
import { agrees } from '../values';
import type { SourceExtraction } from './extract';

/** Least number of a curated fact's cue words an extracted fact must share to be the same statement. */
const SAME_STATEMENT_CUES = 2;

/** Why an extracted fact was left out. */
export interface DroppedFact {
  fact: Fact;
  /** The curated fact that speaks to the same thing. */
  curatedId: string;
}

/** A fact base with extracted facts, and the extracted facts that curated ones replaced. */
export interface MergedFactBase {
  base: FactBase;
  dropped: DroppedFact[];
}

/**
 * A new fact base holding `base`'s facts followed by the extracted facts no curated fact covers, and
 * the parties, sources and documents of both. `base` itself is not changed.
 */
export function withSourceFacts(base: FactBase, extraction: SourceExtraction): MergedFactBase {
  const curated = base.facts.filter((f) => f.extracted === undefined);
  const facts = [...base.facts];
  const factsById = new Map(base.factsById);
  const dropped: DroppedFact[] = [];
  for (const fact of extraction.facts) {
    const winner = curated.find((c) => sameThing(c, fact));
    if (winner) {
      dropped.push({ fact, curatedId: winner.id });
      continue;
    }
    let id = fact.id;
    for (let n = 2; factsById.has(id); n++) id = `${fact.id}-${n}`;
    const kept = id === fact.id ? fact : { ...fact, id };
    facts.push(kept);
    factsById.set(id, kept);
  }
  const merged: FactBase = {
    facts,
    factsById,
    parties: new Map([...base.parties, ...extraction.parties]),
    sources: new Map([...extraction.sources, ...base.sources]),
    documents: new Map([...base.documents, ...extraction.documents]),
  };
  return { base: merged, dropped };
}

function sameThing(curated: Fact, extracted: Fact): boolean {
  if (curated.value?.kind !== extracted.value?.kind) return false;
  const sameQuote = curated.quote.documentPath === extracted.quote.documentPath && overlaps(curated.quote.range, extracted.quote.range);
  if (!curated.value || !extracted.value) return sameQuote;
  if (!agrees(curated.value, extracted.value, curated.tolerance) || !agrees(extracted.value, curated.value)) return false;
  if (sameQuote) return true;
  const parties = new Set([...extracted.parties, ...extracted.alsoAbout]);
  if (!curated.parties.some((id) => parties.has(id))) return false;
  const terms = extracted.extracted?.terms ?? {};
  let shared = 0;
  for (const cue of curated.cues) {
    const stems = tokenize(cue).map((t) => t.stem);
    if (stems.length > 0 && stems.every((s) => s in terms)) shared++;
  }
  return shared >= SAME_STATEMENT_CUES;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}
