/**
 * Facts read from source notes: Markdown or plain text whose statements carry citations. Each cited
 * statement with a checkable value becomes one fact per value; a cited statement without a value that
 * names a party becomes a claim, which a draft meets only by restating it closely. The note is read
 * with the engine's own parser, sentence splitter, citation rules and value extractor, so a note and
 * a draft are understood the same way.
 */
import { maskCitations, sourceSpan } from '../analyze';
import { blockCitations, citeSentences, hostMatches, type CitedSentence } from '../citations';
import type { ProseBlock } from '../markdown/blocks';
import { readDocumentModel } from '../markdown/plainChunks';
import { lexiconOf, type Lexicon, type PartyOccurrence } from '../match/lexicon';
import { tokenize, type Token } from '../text/tokens';
import { LineIndex } from '../text/lineIndex';
import { splitSentences } from '../text/sentences';
import type { Fact, FactBase, Mention, Party, Range, Source, SourceDocument } from '../types';
import { agrees, extractMentions, parseValueText } from '../values';
import { acronymOf, isName, nameCandidates, slugOf } from './names';
import { contentTerms, partyWordsOf, type Term } from './terms';

/** A source note handed to extraction: its path (as the host names it) and its text. */
export interface SourceNoteInput {
  path: string;
  text: string;
}

/** A statement of a note that yielded no fact, and why. */
export interface SkippedStatement {
  path: string;
  range: Range;
  text: string;
  reason: string;
}

/** Everything read from a set of source notes. */
export interface SourceExtraction {
  /** Facts in note order; each has `extracted` set. */
  facts: Fact[];
  /** Every party the notes name, including the known ones they use. */
  parties: Map<string, Party>;
  /** The sources the notes cite. */
  sources: Map<string, Source>;
  /** The notes, by document id. */
  documents: Map<string, SourceDocument>;
  skipped: SkippedStatement[];
}

/** A party within this many tokens of a value is one of the parties it is about. */
const NEAR_PARTY = 8;
/** A claim needs this many content words to be told apart from small talk. */
const MIN_CLAIM_TERMS = 3;
/** A party named in more than this share of a note's statements is its subject, not a distinguishing party. */
const DOMINANT_SHARE = 0.5;
/** ...and in at least this many statements. */
const DOMINANT_MIN = 3;

/** One sentence of a note, read. */
interface NoteSentence {
  note: NoteRecord;
  block: ProseBlock;
  cited: CitedSentence;
  tokens: Token[];
  mentions: Mention[];
  /** Offset of the sentence in the block's plain text. */
  offset: number;
}

interface NoteRecord {
  input: SourceNoteInput;
  document: SourceDocument;
  lines: LineIndex;
  sentences: NoteSentence[];
}

/**
 * Reads facts out of `notes`. `known` is the curated fact base when there is one: its parties are
 * recognised by their curated names and ids, and its sources by their domains.
 */
export function extractSourceFacts(notes: SourceNoteInput[], known?: FactBase): SourceExtraction {
  const knownHosts = new Set([...(known?.sources.values() ?? [])].flatMap((s) => s.domains));
  const records = notes.map((input, i) => readNote(input, i, notes, knownHosts));
  const parties = discoverParties(records, known);
  const lexicon = lexiconOf({
    facts: [],
    factsById: new Map(),
    parties,
    sources: known?.sources ?? new Map(),
    documents: new Map(),
  });
  const partyWords = partyWordsOf([...parties.values()].flatMap((p) => p.names), tokenize);
  const sources = new Map<string, Source>();
  const facts: Fact[] = [];
  const skipped: SkippedStatement[] = [];
  for (const record of records) {
    const reader = new NoteReader(record, lexicon, partyWords, known, sources);
    reader.read();
    facts.push(...reader.facts);
    skipped.push(...reader.skipped);
  }
  shareCorroboratingSources(facts);
  return { facts, parties, sources, documents: new Map(records.map((r) => [r.document.id, r.document])), skipped };
}

function readNote(input: SourceNoteInput, index: number, all: SourceNoteInput[], knownHosts: ReadonlySet<string>): NoteRecord {
  const base = slugOf(baseName(input.path).replace(/\.[^.]*$/, ''));
  const clash = all.some((other, k) => k < index && slugOf(baseName(other.path).replace(/\.[^.]*$/, '')) === base);
  const id = clash ? `${base}-${index + 1}` : base;
  const record: NoteRecord = {
    input,
    document: { id, path: input.path, text: input.text },
    lines: new LineIndex(input.text),
    sentences: [],
  };
  const model = readDocumentModel(input.text);
  for (const block of model.blocks) {
    const citations = blockCitations(block, model, knownHosts);
    for (const cited of citeSentences(block.text, splitSentences(block.text), citations)) {
      const text = maskCitations(block.text, cited);
      record.sentences.push({ note: record, block, cited, tokens: tokenize(text), mentions: extractMentions(text), offset: cited.plain.start });
    }
  }
  return record;
}

/**
 * The parties of the notes: known parties keep their ids; every other name gets a party whose id is
 * its slug, with the initials of a long name ("AMD") and the title-case spelling of an all-capital one
 * ("Nvidia") as further names.
 */
function discoverParties(records: NoteRecord[], known: FactBase | undefined): Map<string, Party> {
  const parties = new Map<string, Party>();
  const byName = new Map<string, string>();
  for (const party of known?.parties.values() ?? []) {
    parties.set(party.id, party);
    for (const name of party.names) byName.set(name, party.id);
  }
  const candidates: Array<{ text: string; initial: boolean }> = [];
  const midSentence = new Set<string>();
  for (const record of records) {
    for (const sentence of record.sentences) {
      if (sentence.block.kind === 'heading') continue;
      const text = sentence.block.text.slice(sentence.cited.plain.start, sentence.cited.plain.end);
      for (const candidate of nameCandidates(text, sentence.tokens)) {
        candidates.push(candidate);
        if (!candidate.initial) midSentence.add(candidate.text);
      }
    }
  }
  const names = [...new Set(candidates.filter((c) => isName(c, midSentence)).map((c) => c.text))];
  // Long names first, so an acronym seen on its own joins the name it abbreviates.
  names.sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length);
  for (const name of names) {
    if (byName.has(name)) continue;
    let id = slugOf(name);
    for (let n = 2; parties.has(id); n++) id = `${slugOf(name)}-${n}`;
    const spellings = [name];
    const acronym = acronymOf(name);
    if (acronym !== undefined && !byName.has(acronym)) spellings.push(acronym);
    if (/^\p{Lu}{4,}$/u.test(name)) spellings.push(name.charAt(0) + name.slice(1).toLowerCase());
    for (const spelling of spellings) byName.set(spelling, id);
    parties.set(id, { id, name, names: spellings, partOf: [] });
  }
  // Naming "Calder Pharmaceuticals" or "Meta Superintelligence Labs" also names "Calder" or "Meta".
  for (const name of names) {
    const words = name.split(/\s+/);
    const long = byName.get(name);
    if (long === undefined || known?.parties.has(long)) continue;
    // Every shorter name its leading words make ("Port Alder" of "Port Alder City Council").
    for (let n = 1; n < words.length; n++) {
      const short = byName.get(words.slice(0, n).join(' '));
      const party = parties.get(long) as Party;
      if (short !== undefined && short !== long && !party.partOf.includes(short)) party.partOf.push(short);
    }
  }
  return parties;
}

/** Reads the facts of one note. */
class NoteReader {
  readonly facts: Fact[] = [];
  readonly skipped: SkippedStatement[] = [];
  private readonly dominant: ReadonlySet<string>;

  constructor(
    private readonly record: NoteRecord,
    private readonly lexicon: Lexicon,
    private readonly partyWords: ReadonlySet<string>,
    private readonly known: FactBase | undefined,
    private readonly sources: Map<string, Source>,
  ) {
    this.dominant = this.dominantParties();
  }

  /** Parties named in most of the note's cited statements: the note's subject. */
  private dominantParties(): Set<string> {
    const counts = new Map<string, number>();
    let statements = 0;
    for (const sentence of this.record.sentences) {
      if (sentence.cited.coveredBy.length === 0 || sentence.block.kind === 'heading') continue;
      statements++;
      for (const id of new Set(this.lexicon.findParties(sentence.tokens).map((p) => p.partyId))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const dominant = new Set<string>();
    for (const [id, count] of counts) if (count >= DOMINANT_MIN && count > DOMINANT_SHARE * statements) dominant.add(id);
    return dominant;
  }

  read(): void {
    let block: ProseBlock | undefined;
    let context: string[] = [];
    for (const sentence of this.record.sentences) {
      if (sentence.block !== block) {
        block = sentence.block;
        context = [];
      }
      const parties = this.lexicon.findParties(sentence.tokens);
      if (sentence.block.kind !== 'heading') this.readSentence(sentence, parties, context);
      if (parties.length > 0) context = [...new Set(parties.map((p) => p.partyId))];
    }
  }

  private readSentence(sentence: NoteSentence, parties: PartyOccurrence[], context: string[]): void {
    const { cited, mentions } = sentence;
    const terms = contentTerms(sentence.tokens, mentions, this.partyWords);
    const span = sourceSpan(sentence.block, cited.plain);
    const quoteText = this.record.input.text.slice(span.start, span.end);
    const range = this.record.lines.rangeOf(span.start, span.end);
    if (cited.coveredBy.length === 0) {
      if (mentions.length > 0 || parties.length > 0) {
        const what = mentions.length > 0 ? `${mentions.map((m) => m.text).join(', ')}: ` : '';
        this.skip(range, quoteText, `${what}no citation covers this statement, so it cannot back one`);
      }
      return;
    }
    const sourceIds = this.sourcesOf(cited);
    const hostParties = [...new Set(cited.coveredBy.flatMap((c) => c.hosts.flatMap((h) => this.lexicon.partiesOfHost(h))))];
    const direct = [...new Set(parties.map((p) => p.partyId))];
    const quote = { text: quoteText, documentId: this.record.document.id, documentPath: this.record.input.path, range };

    if (mentions.length === 0) {
      const named = direct.filter((id) => !this.dominant.has(id));
      const claimParties = named.length > 0 ? named : direct;
      if (claimParties.length === 0 || terms.length < MIN_CLAIM_TERMS) {
        if (parties.length > 0 || terms.length >= MIN_CLAIM_TERMS) {
          this.skip(range, quoteText, claimParties.length === 0 ? 'no value and no named party' : 'no value and too few content words');
        }
        return;
      }
      const weights: Record<string, number> = {};
      for (const term of terms) weights[term.stem] = 1;
      this.push({
        at: range,
        statement: quoteText,
        parties: claimParties,
        alsoAbout: [...new Set([...direct, ...hostParties])].filter((id) => !claimParties.includes(id)),
        cues: cueWords(sentence, terms),
        minCues: MIN_CLAIM_TERMS,
        sources: sourceIds,
        quote,
        weights,
      });
      return;
    }

    const mentionTokens = mentions.map((m) => tokenIndexAt(sentence.tokens, m.span.start));
    mentions.forEach((mention, index) => {
      const valueText = this.valueTextOf(sentence, mention);
      const parsed = parseValueText(valueText);
      const mentionSpan = sourceSpan(sentence.block, { start: sentence.offset + mention.span.start, end: sentence.offset + mention.span.end });
      const at = this.record.lines.rangeOf(mentionSpan.start, mentionSpan.end);
      if ('error' in parsed) {
        this.skip(at, quoteText, `the value "${mention.text}" cannot be read back on its own`);
        return;
      }
      const here = mentionTokens[index] as number;
      const nearest = (token: number): boolean =>
        mentionTokens.every((other, k) => k === index || Math.abs(token - here) <= Math.abs(token - other));
      const required = this.requiredParties(parties, here, nearest, hostParties);
      const weights: Record<string, number> = {};
      for (const term of terms) {
        const decay = Math.max(0.4, 1 / (1 + Math.abs(term.token - here) / 16));
        const weight = (nearest(term.token) ? 1 : 0.5) * decay;
        weights[term.stem] = Math.max(weights[term.stem] ?? 0, weight);
      }
      this.push({
        at,
        statement: quoteText,
        parties: required,
        alsoAbout: [...new Set([...direct, ...hostParties, ...context])].filter((id) => !required.includes(id)),
        cues: cueWords(sentence, [...terms].sort((a, b) => (weights[b.stem] ?? 0) - (weights[a.stem] ?? 0))),
        minCues: 1,
        value: parsed.value,
        valueText,
        sources: sourceIds,
        quote,
        weights,
      });
    });
  }

  /**
   * The parties a draft must name one of (or have just named, or cite the site of) for a value fact to
   * apply: those near the value that are not the note's subject and stand nearer this value than any
   * other value of the sentence; failing those, the nearest such party in the sentence, then a party
   * named by a cited site. With none, no party is required: the draft must then share any one of the
   * fact's other parties, or many of its words (see match/terms.ts), since a statement that leans
   * on the previous sentence or on the note's subject does not say which of them it is about.
   */
  private requiredParties(
    parties: PartyOccurrence[],
    at: number,
    nearest: (token: number) => boolean,
    hostParties: string[],
  ): string[] {
    const distance = (p: PartyOccurrence): number => {
      const last = p.token + p.length - 1;
      return at < p.token ? p.token - at : Math.max(0, at - last);
    };
    const distinct = parties.filter((p) => !this.dominant.has(p.partyId));
    const own = distinct.filter((p) => nearest(p.token) && distance(p) <= NEAR_PARTY);
    if (own.length > 0) return [...new Set(own.map((p) => p.partyId))];
    if (distinct.length > 0) {
      const best = Math.min(...distinct.map(distance));
      return [...new Set(distinct.filter((p) => distance(p) === best).map((p) => p.partyId))];
    }
    const fromHost = hostParties.find((id) => !this.dominant.has(id));
    return fromHost !== undefined ? [fromHost] : [];
  }

  /** The value with its qualifier, as the note writes it ("approximately $21 billion"). */
  private valueTextOf(sentence: NoteSentence, mention: Mention): string {
    const start = mention.qualifierSpan?.start ?? mention.span.start;
    const plain = sentence.block.text.slice(sentence.offset + start, sentence.offset + mention.span.end);
    return plain.replace(/\s+/g, ' ');
  }

  /** Source ids for the citations covering a sentence: a known source when its domain matches, else the host. */
  private sourcesOf(cited: CitedSentence): string[] {
    const ids: string[] = [];
    for (const citation of cited.coveredBy) {
      for (const host of citation.hosts) {
        const knownSource = [...(this.known?.sources.values() ?? [])].find((s) => s.domains.some((d) => hostMatches(host, d)));
        let id = knownSource?.id;
        if (id === undefined) {
          id = host;
          if (!this.sources.has(id)) {
            const given = citation.target !== undefined ? httpUrl(citation.target) : undefined;
            const target = given !== undefined && hostOfUrl(given) === host ? given : `https://${host}/`;
            this.sources.set(id, { id, name: host, url: target, domains: [host] });
          }
        }
        if (!ids.includes(id)) ids.push(id);
      }
    }
    return ids;
  }

  private push(draft: {
    at: Range;
    statement: string;
    parties: string[];
    alsoAbout: string[];
    cues: string[];
    minCues: number;
    value?: Fact['value'];
    valueText?: string;
    sources: string[];
    quote: Fact['quote'];
    weights: Record<string, number>;
  }): void {
    const id = `${this.record.document.id}@${draft.at.start.line + 1}:${draft.at.start.character + 1}`;
    const fact: Fact = {
      id,
      statement: draft.statement.replace(/\s+/g, ' '),
      parties: draft.parties,
      alsoAbout: draft.alsoAbout,
      cues: draft.cues,
      minCues: draft.minCues,
      sources: draft.sources,
      quote: draft.quote,
      examples: { pass: [], fail: [] },
      origin: { file: this.record.input.path, range: draft.at },
      extracted: { terms: draft.weights },
    };
    if (draft.value !== undefined) {
      fact.value = draft.value;
      fact.valueText = draft.valueText as string;
    }
    this.facts.push(fact);
  }

  private skip(range: Range, text: string, reason: string): void {
    this.skipped.push({ path: this.record.input.path, range, text: text.replace(/\s+/g, ' '), reason });
  }
}

/** The content words of a statement as written, lowercase, first use first. */
function cueWords(sentence: NoteSentence, terms: Term[]): string[] {
  return [...new Set(terms.map((t) => (sentence.tokens[t.token] as Token).text.toLowerCase()))];
}

/**
 * Statements that give the same value about the same party corroborate each other: each is backed by
 * every source any of them cites, the most-cited source first (it is the one to suggest).
 */
function shareCorroboratingSources(facts: Fact[]): void {
  // Union-find over facts that state the same thing; only facts in the same bucket (kind, party,
  // rough size of the value) can, so the pairs compared stay few however long the notes are.
  const parent = new Map<Fact, Fact>();
  const find = (fact: Fact): Fact => {
    let root = fact;
    while (parent.get(root) !== root) root = parent.get(root) as Fact;
    parent.set(fact, root);
    return root;
  };
  const buckets = new Map<string, Fact[]>();
  for (const fact of facts) {
    if (!fact.value) continue;
    parent.set(fact, fact);
    for (const id of new Set([...fact.parties, ...fact.alsoAbout])) {
      const key = `${id}\u0000${bucketOf(fact.value)}`;
      const bucket = buckets.get(key) ?? [];
      for (const other of bucket) if (find(other) !== find(fact) && sameStatement(fact, other)) parent.set(find(other), find(fact));
      bucket.push(fact);
      buckets.set(key, bucket);
    }
  }
  const groups = new Map<Fact, Fact[]>();
  for (const fact of parent.keys()) {
    const root = find(fact);
    const group = groups.get(root) ?? [];
    group.push(fact);
    groups.set(root, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => facts.indexOf(a) - facts.indexOf(b));
    const counts = new Map<string, { count: number; first: number }>();
    let order = 0;
    for (const member of group) {
      for (const id of member.sources) {
        const entry = counts.get(id) ?? { count: 0, first: order++ };
        entry.count++;
        counts.set(id, entry);
      }
    }
    const sources = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first).map(([id]) => id);
    for (const member of group) member.sources = sources;
  }
}

/** A coarse key that two agreeing values share: kind and order of magnitude, year, unit or number. */
function bucketOf(value: NonNullable<Fact['value']>): string {
  switch (value.kind) {
    case 'money':
      return `money:${value.currency}:${value.amount > 0 ? Math.floor(Math.log10(value.amount)) : 0}`;
    case 'date':
      return `date:${value.year ?? '-'}`;
    case 'duration':
      return `duration:${value.unit}`;
    case 'ordinal':
      return `ordinal:${value.n}`;
  }
}

function sameStatement(a: Fact, b: Fact): boolean {
  if (!a.value || !b.value || a.value.kind !== b.value.kind) return false;
  if (!agrees(a.value, b.value) || !agrees(b.value, a.value)) return false;
  const partiesOfB = new Set([...b.parties, ...b.alsoAbout]);
  return [...a.parties, ...a.alsoAbout].some((id) => partiesOfB.has(id));
}

function tokenIndexAt(tokens: Token[], offset: number): number {
  const index = tokens.findIndex((t) => t.end > offset);
  return index < 0 ? tokens.length : index;
}

/** The normalised form of an http(s) URL, or undefined for anything else. */
function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
