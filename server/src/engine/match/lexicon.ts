/**
 * Token-level indexes of a fact base: party names and cue phrases, keyed by their first token, so
 * that finding what a sentence mentions costs one pass over its tokens however many facts there are.
 */
import type { Fact, FactBase } from '../types';
import { dateByDateFacts } from '../claims/align';
import { forEachWord, tokenize, type Token } from '../text/tokens';

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
    let list = this.byFirst.get(first);
    if (!list) {
      list = [];
      this.byFirst.set(first, list);
    }
    // Longest first; among equal lengths, first added first.
    let at = list.length;
    while (at > 0 && (list[at - 1] as PhraseEntry<T>).words.length < words.length) at--;
    list.splice(at, 0, { words, target });
  }

  /** Whether some phrase starts with `word`. */
  startsWith(word: string): boolean {
    return this.byFirst.has(word);
  }

  /** Calls `visit` with each entry whose words match the token keys starting at `index`, longest first. */
  forEachAt(keys: string[], index: number, visit: (entry: PhraseEntry<T>) => void): void {
    const list = this.byFirst.get(keys[index] as string);
    if (!list) return;
    for (const entry of list) if (matchesAt(entry.words, keys, index)) visit(entry);
  }

  /** The longest entry matching at `index`, if any. */
  longestAt(keys: string[], index: number): PhraseEntry<T> | undefined {
    const list = this.byFirst.get(keys[index] as string);
    if (!list) return undefined;
    for (const entry of list) if (matchesAt(entry.words, keys, index)) return entry;
    return undefined;
  }
}

function matchesAt(words: string[], keys: string[], index: number): boolean {
  for (let k = 1; k < words.length; k++) if (keys[index + k] !== words[k]) return false;
  return true;
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
  /**
   * Whether every fact requires a party (fact files guarantee it). Only then can prose that names no
   * party, directly or through its paragraph or citations, be skipped.
   */
  readonly everyFactNeedsParty: boolean;
  /** Hosts any source of the base answers to. */
  readonly knownHosts: Set<string>;
  /** Every word of every party name, lowercased: such a word is never a stranger's name. */
  readonly partyWords: ReadonlySet<string>;
  private readonly lineage = new Map<string, string[]>();
  /** Facts with a value by subject (the same required and optional parties). */
  private readonly subjects = new Map<string, Fact[]>();
  /** {@link partiesOfHost} answers by host. */
  private readonly hostParties = new Map<string, string[]>();
  /** First code units of party names, so that most words need no lookup. */
  private readonly partyInitials = new Set<number>();
  /** Party ids by their name folded to lowercase letters and digits, to read parties out of host names. */
  private readonly partiesByFoldedName = new Map<string, string>();

  constructor(readonly base: FactBase) {
    this.everyFactNeedsParty = base.facts.every((fact) => fact.parties.length > 0);
    // Facts extracted from source notes have no curated cues; match/terms.ts finds them.
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
        const words = tokenize(name).map((t) => t.text);
        this.parties.add(words, party.id);
        if (words[0] !== undefined) this.partyInitials.add(words[0].charCodeAt(0));
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
    dateByDateFacts(base.facts);
    this.partyWords = new Set([...base.parties.values()].flatMap((p) => p.names.flatMap((n) => tokenize(n).map((t) => t.text.toLowerCase()))));
  }

  /**
   * Whether `text` may name a party: some word of it starts a party name. A cheap test that lets
   * prose naming no party skip sentence splitting and matching (without a named party, or one
   * carried by a citation's host, no fact applies).
   */
  mayNameParty(text: string): boolean {
    return forEachWord(text, (start, end) => {
      // Only words starting with the first character of some party name are looked up.
      if (!this.partyInitials.has(text.charCodeAt(start))) return false;
      return this.parties.startsWith(text.slice(start, end));
    });
  }

  /** Parties named in the tokens, longest name first at each position. */
  findParties(tokens: Token[]): PartyOccurrence[] {
    const keys = tokens.map((t) => t.text);
    const found: PartyOccurrence[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const match = this.parties.longestAt(keys, i);
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
      this.cues.forEachAt(keys, i, (match) => found.push({ cue: match.target.cue, facts: match.target.facts, token: i }));
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

  /** Parties whose name is a label of a cited host ("investors.coreweave.com" names CoreWeave). Do not modify the result. */
  partiesOfHost(host: string): string[] {
    let found = this.hostParties.get(host);
    if (found) return found;
    found = [];
    for (const label of host.split('.')) {
      const party = this.partiesByFoldedName.get(label);
      if (party !== undefined) found.push(party);
    }
    // Drafts cite few distinct hosts; the bound only guards against a pathological document.
    if (this.hostParties.size < 10_000) this.hostParties.set(host, found);
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
