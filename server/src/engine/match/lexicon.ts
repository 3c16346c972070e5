/**
 * Token-level indexes of a fact base: party names and cue phrases, keyed by their first token, so
 * that finding what a sentence mentions costs one pass over its tokens however many facts there are.
 */
import type { Fact, FactBase } from '../types';

/** A word of a sentence. */
export interface Token {
  text: string;
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits text into word tokens (letters and digits; punctuation and hyphens separate words). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    tokens.push({ text: m[0], stem: stem(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** A light suffix-stripping stem, enough to let "expanded", "expands" and "expand" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

interface PhraseEntry<T> {
  words: string[];
  target: T;
}

/** Phrases indexed by first word; longer phrases first so the longest match wins. */
class PhraseIndex<T> {
  private readonly byFirst = new Map<string, PhraseEntry<T>[]>();

  add(words: string[], target: T): void {
    const first = words[0];
    if (first === undefined) return;
    const list = this.byFirst.get(first) ?? [];
    list.push({ words, target });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(first, list);
  }

  /** Entries whose words match the token keys starting at `index`. */
  at(keys: string[], index: number): PhraseEntry<T>[] {
    const list = this.byFirst.get(keys[index] as string);
    if (!list) return [];
    return list.filter((entry) => entry.words.every((word, k) => keys[index + k] === word));
  }
}

/** Where a party is named in a sentence. */
export interface PartyOccurrence {
  partyId: string;
  token: number;
  /** How many tokens the name spans. */
  length: number;
}

/** Where a cue of one or more facts is used in a sentence. */
export interface CueOccurrence {
  cue: string;
  facts: Fact[];
  token: number;
}

/** The indexes and weights derived from one fact base. */
export class Lexicon {
  private readonly parties = new PhraseIndex<string>();
  private readonly cues = new PhraseIndex<{ cue: string; facts: Fact[] }>();
  private readonly partyWeights = new Map<string, number>();
  private readonly cueWeights = new Map<string, number>();
  /** Facts with a value, by required party: candidates for a value when no cue singles them out. */
  readonly factsByParty = new Map<string, Fact[]>();
  /** Hosts any source of the base answers to. */
  readonly knownHosts: Set<string>;
  private readonly lineage = new Map<string, string[]>();
  /** Facts with a value by subject (the same required and optional parties). */
  private readonly subjects = new Map<string, Fact[]>();
  /** Party ids by their name folded to lowercase letters and digits, to read parties out of host names. */
  private readonly partiesByFoldedName = new Map<string, string>();

  constructor(readonly base: FactBase) {
    // Facts extracted from source notes have no curated cues; match/similarity.ts matches them.
    const curated = base.facts.filter((fact) => fact.extracted === undefined);
    const total = Math.max(1, curated.length);
    const partyFrequency = new Map<string, number>();
    for (const fact of curated) {
      for (const id of new Set([...fact.parties, ...fact.alsoAbout])) partyFrequency.set(id, (partyFrequency.get(id) ?? 0) + 1);
      for (const id of fact.parties) {
        const list = this.factsByParty.get(id) ?? [];
        list.push(fact);
        this.factsByParty.set(id, list);
      }
    }
    for (const fact of curated) {
      if (fact.value === undefined) continue;
      const subject = this.subjectOf(fact);
      const list = this.subjects.get(subject) ?? [];
      list.push(fact);
      this.subjects.set(subject, list);
    }
    for (const party of base.parties.values()) {
      for (const name of party.names) {
        this.parties.add(tokenize(name).map((t) => t.text), party.id);
        const folded = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
        if (folded.length >= 4) this.partiesByFoldedName.set(folded, party.id);
      }
      this.partyWeights.set(party.id, Math.log(1 + total / (partyFrequency.get(party.id) ?? 1)));
    }
    const cueTargets = new Map<string, { cue: string; facts: Fact[] }>();
    for (const fact of curated) {
      for (const cue of fact.cues) {
        const key = tokenize(cue).map((t) => t.stem).join(' ');
        if (key === '') continue;
        let target = cueTargets.get(key);
        if (!target) {
          target = { cue: key, facts: [] };
          cueTargets.set(key, target);
          this.cues.add(key.split(' '), target);
        }
        if (!target.facts.includes(fact)) target.facts.push(fact);
      }
    }
    for (const [key, target] of cueTargets) this.cueWeights.set(key, Math.log(1 + total / target.facts.length));
    this.knownHosts = new Set([...base.sources.values()].flatMap((s) => s.domains));
  }

  /** Parties named in the tokens, longest name first at each position. */
  findParties(tokens: Token[]): PartyOccurrence[] {
    const keys = tokens.map((t) => t.text);
    const found: PartyOccurrence[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const match = this.parties.at(keys, i)[0];
      if (!match) continue;
      for (const partyId of this.withParents(match.target)) found.push({ partyId, token: i, length: match.words.length });
      i += match.words.length - 1;
    }
    return found;
  }

  /** A party and every party it is part of, transitively. */
  private withParents(partyId: string): string[] {
    const cached = this.lineage.get(partyId);
    if (cached) return cached;
    const lineage: string[] = [];
    const visit = (id: string): void => {
      if (lineage.includes(id)) return;
      lineage.push(id);
      for (const parent of this.base.parties.get(id)?.partOf ?? []) visit(parent);
    };
    visit(partyId);
    this.lineage.set(partyId, lineage);
    return lineage;
  }

  /** Cue phrases used in the tokens. */
  findCues(tokens: Token[]): CueOccurrence[] {
    const keys = tokens.map((t) => t.stem);
    const found: CueOccurrence[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const match of this.cues.at(keys, i)) found.push({ cue: match.target.cue, facts: match.target.facts, token: i });
    }
    return found;
  }

  /** The subject of a fact: its required and optional parties. */
  subjectOf(fact: Fact): string {
    return `${[...fact.parties].sort().join(',')}|${[...fact.alsoAbout].sort().join(',')}`;
  }

  /** The facts with a value that share a subject. */
  factsOfSubject(subject: string): Fact[] {
    return this.subjects.get(subject) ?? [];
  }

  /** Parties whose name is a label of a cited host ("investors.coreweave.com" names CoreWeave). */
  partiesOfHost(host: string): string[] {
    const found: string[] = [];
    for (const label of host.split('.')) {
      const party = this.partiesByFoldedName.get(label);
      if (party !== undefined) found.push(party);
    }
    return found;
  }

  partyWeight(id: string): number {
    return this.partyWeights.get(id) ?? 1;
  }

  cueWeight(cue: string): number {
    return this.cueWeights.get(cue) ?? 1;
  }
}

const lexicons = new WeakMap<FactBase, Lexicon>();

/** The lexicon of a fact base, built once per base. */
export function lexiconOf(base: FactBase): Lexicon {
  let lexicon = lexicons.get(base);
  if (!lexicon) {
    lexicon = new Lexicon(base);
    lexicons.set(base, lexicon);
  }
  return lexicon;
}
