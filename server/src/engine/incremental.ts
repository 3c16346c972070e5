/**
 * Checking a document as it is edited, re-parsing only what changed.
 *
 * The document is split into top-level chunks (see `markdown/chunks`) that parse the same alone as
 * in place. Each chunk is parsed and analysed on its own and cached by its text; an update re-parses
 * only the chunks whose text is new, moves the offsets of the others (in place) to where they now
 * stand, and shapes the findings over the whole document (citation style, suppressions and line
 * numbers are document-level, and cheap next to parsing).
 *
 * Reference and footnote definitions are document-level: a reference in one chunk may be defined in
 * another, and CommonMark makes `[text][id]` a link only when `id` is defined. A chunk that brackets
 * an identifier defined elsewhere is parsed with stand-in definitions of those identifiers before
 * (or, for the first chunk, after) its text, and its citations are re-resolved whenever the URLs
 * those identifiers name change.
 */
import { analyzeBlock, type AnalyzedSentence, type DocumentAnalysis } from './analyze';
import type { CheckOptions, CheckResult } from './api';
import { resultOf } from './check';
import type { Citation } from './citations';
import {
  buildDocumentModel,
  type DocumentDefinitions,
  type DocumentModel,
  type FootnoteTargets,
  type HtmlComment,
  type ProseBlock,
} from './markdown/blocks';
import { proposeChunkStarts, referenceCandidates } from './markdown/chunks';
import { parseMarkdown } from './markdown/parse';
import { plainChunkNodes } from './markdown/plainChunks';
import { lexiconOf, type Lexicon } from './match/lexicon';
import { LineIndex } from './text/lineIndex';
import type { FactBase } from './types';
import type { Root } from 'mdast';

/** Checks successive versions of one document; see {@link createIncrementalChecker}. */
export interface IncrementalChecker {
  /**
   * Checks `text`, the document's full current text. The result equals
   * `checkDocument(text, base, options)`; only chunks whose text is new since the previous update
   * are parsed and analysed.
   */
  update(text: string): CheckResult;
  /** What the last update did, for benchmarks and tests. */
  readonly stats: IncrementalStats;
}

/** Work done by the last {@link IncrementalChecker.update}. */
export interface IncrementalStats {
  /** Chunks the document was split into. */
  chunks: number;
  /** Chunk parses run (a chunk merged with the next because it left a construct open counts each try). */
  parsed: number;
  /** Chunks whose blocks were analysed (new text, or definitions they cite changed). */
  analyzed: number;
}

/**
 * An incremental checker of one document against `base` with `options`. Create a new one when the
 * fact base or the options change.
 */
export function createIncrementalChecker(base: FactBase, options: CheckOptions = {}): IncrementalChecker {
  return new ChunkedChecker(base, options);
}

/**
 * A chunk parsed alone. Its offsets are document offsets for the chunk standing at {@link at}; when
 * the chunk moves, they are moved in place.
 */
interface ParsedChunk {
  /** Where the chunk stands in the document its offsets are for. */
  at: number;
  /** The update that last placed it: one parse serves one place in a document. */
  usedIn: number;
  /** How it was parsed: as the first chunk, as the last, with these stand-in definitions. */
  first: boolean;
  last: boolean;
  stand: string;
  model: DocumentModel;
  /** Whether the chunk leaves no construct open (a paragraph after it would start afresh). */
  closed: boolean;
  /** Identifiers the chunk's bracketed text could refer to; computed on first use. */
  candidates?: Set<string>;
  /** What the identifiers its blocks cite resolved to when {@link parts} was made. */
  resolution?: string;
  /** The analysis of its blocks. */
  parts?: ChunkParts;
}

/** What a chunk contributes to the document's analysis. */
interface ChunkParts {
  blocks: ProseBlock[];
  sentences: AnalyzedSentence[];
  citations: Citation[];
  comments: HtmlComment[];
}

/** A chunk of the current text. */
interface Chunk {
  start: number;
  text: string;
  first: boolean;
  last: boolean;
  plain: ParsedChunk;
}

/** A paragraph that shows whether a chunk left something open: it starts afresh only if nothing is. */
const SENTINEL = 'x';

class ChunkedChecker implements IncrementalChecker {
  private readonly lexicon: Lexicon;
  /** Parsed chunks by text (a text may have been parsed several ways). */
  private cache = new Map<string, ParsedChunk[]>();
  private nextCache = new Map<string, ParsedChunk[]>();
  private generation = 0;
  stats: IncrementalStats = { chunks: 0, parsed: 0, analyzed: 0 };

  constructor(
    private readonly base: FactBase,
    private readonly options: CheckOptions,
  ) {
    this.lexicon = lexiconOf(base);
  }

  update(text: string): CheckResult {
    this.stats = { chunks: 0, parsed: 0, analyzed: 0 };
    this.generation++;
    this.nextCache = new Map();

    const chunks = this.split(text);
    for (const chunk of chunks) place(chunk.plain, chunk.start);
    const definitions = documentDefinitions(chunks);

    const blocks: ProseBlock[] = [];
    const sentences: AnalyzedSentence[] = [];
    const citations: Citation[] = [];
    const comments: HtmlComment[] = [];
    for (const chunk of chunks) {
      const parsed = this.withDefinitions(chunk, definitions);
      place(parsed, chunk.start);
      const parts = this.analyze(parsed, definitions);
      blocks.push(...parts.blocks);
      sentences.push(...parts.sentences);
      citations.push(...parts.citations);
      comments.push(...parts.comments);
    }

    // Entries not used by this version are dropped: the cache holds one document's chunks.
    this.cache = this.nextCache;
    this.stats.chunks = chunks.length;

    const model: DocumentModel = { blocks, comments, footnotes: definitions.footnotes, definitions: definitions.definitions };
    const analysis: DocumentAnalysis = { text, lines: new LineIndex(text), base: this.base, lexicon: this.lexicon, model, sentences, citations };
    return resultOf(analysis, this.options);
  }

  /** Splits `text` into chunks, merging a chunk with the next while it leaves a construct open. */
  private split(text: string): Chunk[] {
    const starts = proposeChunkStarts(text);
    const chunks: Chunk[] = [];
    let i = 0;
    while (i < starts.length) {
      const start = starts[i] as number;
      let j = i + 1;
      for (;;) {
        const end = j < starts.length ? (starts[j] as number) : text.length;
        const last = end === text.length;
        const chunkText = text.slice(start, end);
        const plain = this.parse(chunkText, start === 0, last, '');
        if (plain.closed || last) {
          chunks.push({ start, text: chunkText, first: start === 0, last, plain });
          break;
        }
        j++;
      }
      i = j;
    }
    return chunks;
  }

  /** The chunk's parse with stand-ins for the definitions elsewhere that its brackets may name. */
  private withDefinitions(chunk: Chunk, definitions: DocumentDefinitions): ParsedChunk {
    const plain = chunk.plain;
    if (definitions.definitions.size === 0 && definitions.footnotes.size === 0) return plain;
    plain.candidates ??= orNoSet(referenceCandidates(chunk.text));
    if (plain.candidates.size === 0) return plain;
    let stand = '';
    // Blank lines keep each stand-in on its own: a definition after a footnote's would continue its text.
    for (const id of plain.candidates) {
      if (definitions.definitions.has(id) && !plain.model.definitions.has(id)) stand += `[${id}]: x\n\n`;
      if (definitions.footnotes.has(id) && !plain.model.footnotes.has(id)) stand += `[^${id}]: x\n\n`;
    }
    return stand === '' ? plain : this.parse(chunk.text, chunk.first, chunk.last, stand);
  }

  /**
   * Parses a chunk alone. A chunk after the first is preceded by a blank line (so that it is never
   * front matter) and the stand-in definitions; the first chunk takes them after its text. A chunk
   * before the last is followed by a sentinel paragraph, which tells whether it closed everything.
   */
  private parse(text: string, first: boolean, last: boolean, stand: string): ParsedChunk {
    // A text that stands twice in the document gets two parses: each is moved to its own place.
    const free = (p: ParsedChunk): boolean => p.first === first && p.last === last && p.stand === stand && p.usedIn !== this.generation;
    let parsed = this.cache.get(text)?.find(free);
    if (!parsed) {
      this.stats.parsed++;
      const prefix = first ? '' : `${stand}\n`;
      const suffix = last ? '' : `${first ? stand : ''}${SENTINEL}`;
      const source = prefix + text + suffix;
      // A plain chunk (see markdown/plainChunks) closes everything and needs no parse.
      const plainNodes = stand === '' ? plainChunkNodes(source, prefix.length, prefix.length + text.length, prefix.length + 1) : undefined;
      const root: Root = plainNodes ? { type: 'root', children: plainNodes } : parseMarkdown(source);
      const sentinelStart = source.length - SENTINEL.length;
      const lastNode = root.children[root.children.length - 1];
      const closed = last || plainNodes !== undefined || (lastNode?.type === 'paragraph' && lastNode.position?.start.offset === sentinelStart);
      const model = compact(buildDocumentModel(source, root, { start: prefix.length, end: prefix.length + text.length }));
      // Offsets are into `source`: the chunk's text starts at `prefix.length` there.
      parsed = { at: prefix.length, usedIn: 0, first, last, stand, model, closed };
    }
    parsed.usedIn = this.generation;
    const variants = this.nextCache.get(text);
    if (variants) variants.push(parsed);
    else this.nextCache.set(text, [parsed]);
    return parsed;
  }

  /** The chunk's blocks analysed against the document's definitions (kept while what they cite resolves the same). */
  private analyze(parsed: ParsedChunk, definitions: DocumentDefinitions): ChunkParts {
    const resolution = resolutionKey(parsed.model, definitions);
    if (parsed.parts && parsed.resolution === resolution) return parsed.parts;
    this.stats.analyzed++;
    const sentences: AnalyzedSentence[] = [];
    const citations: Citation[] = [];
    for (const block of parsed.model.blocks) analyzeBlock(block, definitions, this.lexicon, sentences, citations);
    for (const sentence of sentences) {
      const cited = sentence.cited;
      cited.inside = exact(cited.inside);
      cited.trailing = exact(cited.trailing);
      cited.coveredBy = exact(cited.coveredBy);
      sentence.matches = exact(sentence.matches);
      sentence.unsupported = exact(sentence.unsupported);
    }
    for (const citation of citations) citation.hosts = exact(citation.hosts);
    const parts: ChunkParts = { blocks: parsed.model.blocks, sentences: exact(sentences), citations: exact(citations), comments: parsed.model.comments };
    parsed.resolution = resolution;
    parsed.parts = parts;
    return parts;
  }
}

// An open document keeps every chunk's parse, most with no comment, definition or citation: those
// share one frozen empty list (or one empty map, which nothing writes to) instead of each its own.
const NONE: never[] = Object.freeze([]) as unknown as never[];
const NO_FOOTNOTES = new Map<string, FootnoteTargets>();
const NO_DEFINITIONS = new Map<string, string>();
const NO_CANDIDATES = new Set<string>();

/** `list` without the spare room a growing array keeps (kept lists outlive many updates). */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? NONE : list.slice();
}

function orNoSet(set: Set<string>): Set<string> {
  return set.size === 0 ? NO_CANDIDATES : set;
}

/** A chunk model with shared empties in place of its own. */
function compact(model: DocumentModel): DocumentModel {
  for (const block of model.blocks) block.links = exact(block.links);
  return {
    blocks: exact(model.blocks),
    comments: exact(model.comments),
    footnotes: model.footnotes.size === 0 ? NO_FOOTNOTES : model.footnotes,
    definitions: model.definitions.size === 0 ? NO_DEFINITIONS : model.definitions,
  };
}

/** The document's reference and footnote definitions, gathered chunk by chunk in document order. */
function documentDefinitions(chunks: Chunk[]): DocumentDefinitions {
  const definitions: DocumentDefinitions = { footnotes: new Map(), definitions: new Map() };
  for (const chunk of chunks) {
    const model = chunk.plain.model;
    for (const [id, url] of model.definitions) definitions.definitions.set(id, url);
    for (const [id, targets] of model.footnotes) definitions.footnotes.set(id, targets);
  }
  return definitions;
}

/** What the identifiers cited in a chunk's blocks resolve to: the part of the definitions its analysis depends on. */
function resolutionKey(model: DocumentModel, definitions: DocumentDefinitions): string {
  let key = '';
  for (const block of model.blocks) {
    for (const link of block.links) {
      if (link.identifier === undefined) continue;
      const resolved =
        link.kind === 'footnote'
          ? (definitions.footnotes.get(link.identifier)?.urls.join(' ') ?? '')
          : (definitions.definitions.get(link.identifier) ?? '');
      key += `${link.kind}:${link.identifier}=${resolved}\u0002`;
    }
  }
  return key;
}

function moveSpan(span: { start: number; end: number }, delta: number): void {
  span.start += delta;
  span.end += delta;
}

/**
 * Moves a parsed chunk, and its analysis, to document offset `start`. Every object is moved once:
 * blocks (with their maps and links), comments and footnotes through the model; citations and
 * sentences through the analysis (sentences share the model's blocks, and the analysis's citations).
 */
function place(parsed: ParsedChunk, start: number): void {
  const delta = start - parsed.at;
  if (delta === 0) return;
  parsed.at = start;
  const model = parsed.model;
  for (const block of model.blocks) {
    moveSpan(block, delta);
    block.map.moveBy(delta);
    for (const link of block.links) moveSpan(link, delta);
  }
  for (const comment of model.comments) moveSpan(comment, delta);
  for (const targets of model.footnotes.values()) moveSpan(targets, delta);
  const parts = parsed.parts;
  if (!parts) return;
  for (const citation of parts.citations) moveSpan(citation.source, delta);
  for (const sentence of parts.sentences) moveSpan(sentence.source, delta);
}
