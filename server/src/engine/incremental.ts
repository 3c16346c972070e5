/**
 * Checking a document as it is edited, re-parsing only what changed.
 *
 * The document is split into top-level chunks (see `markdown/chunks`) that parse the same alone as
 * in place. Each chunk is parsed and analysed on its own, with offsets relative to its start, and
 * cached by its text; an update re-parses only the chunks whose text is new, shifts the others to
 * where they now stand, and shapes the findings over the whole document (citation style,
 * suppressions and line numbers are document-level, and cheap next to parsing).
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
import type { Citation, CitedSentence } from './citations';
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
import { lexiconOf, type Lexicon } from './match/lexicon';
import { LineIndex } from './text/lineIndex';
import type { FactBase } from './types';

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

/** A chunk parsed alone; offsets are relative to the chunk's start. */
interface ParsedChunk {
  model: DocumentModel;
  /** Whether the chunk leaves no construct open (a paragraph after it would start afresh). */
  closed: boolean;
  /** Identifiers the chunk's bracketed text could refer to; computed on first use. */
  candidates?: Set<string>;
}

/** What a chunk contributes to the document's analysis. */
interface ChunkParts {
  blocks: ProseBlock[];
  sentences: AnalyzedSentence[];
  citations: Citation[];
  comments: HtmlComment[];
}

/** A chunk's analysis, relative to the chunk's start, and its last copy shifted into place. */
interface AnalyzedChunk {
  parts: ChunkParts;
  shifted?: { at: number; parts: ChunkParts };
}

/** A chunk's analysis and the parse it was made from. */
interface CachedAnalysis {
  parsed: ParsedChunk;
  chunk: AnalyzedChunk;
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
  private parsed = new Map<string, ParsedChunk>();
  private analyzed = new Map<string, CachedAnalysis>();
  private nextParsed = new Map<string, ParsedChunk>();
  private nextAnalyzed = new Map<string, CachedAnalysis>();
  stats: IncrementalStats = { chunks: 0, parsed: 0, analyzed: 0 };

  constructor(
    private readonly base: FactBase,
    private readonly options: CheckOptions,
  ) {
    this.lexicon = lexiconOf(base);
  }

  update(text: string): CheckResult {
    this.stats = { chunks: 0, parsed: 0, analyzed: 0 };
    this.nextParsed = new Map();
    this.nextAnalyzed = new Map();

    const chunks = this.split(text);
    const definitions = documentDefinitions(chunks);

    const blocks: ProseBlock[] = [];
    const sentences: AnalyzedSentence[] = [];
    const citations: Citation[] = [];
    const comments: HtmlComment[] = [];
    for (const chunk of chunks) {
      const parsed = this.withDefinitions(chunk, definitions);
      const analyzed = this.analyze(chunk, parsed, definitions);
      const parts = placed(analyzed, chunk.start);
      blocks.push(...parts.blocks);
      sentences.push(...parts.sentences);
      citations.push(...parts.citations);
      comments.push(...parts.comments);
    }

    // Entries not used by this version are dropped: the cache holds one document's chunks.
    this.parsed = this.nextParsed;
    this.analyzed = this.nextAnalyzed;
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
    plain.candidates ??= referenceCandidates(chunk.text);
    if (plain.candidates.size === 0) return plain;
    let stand = '';
    for (const id of plain.candidates) {
      if (definitions.definitions.has(id) && !plain.model.definitions.has(id)) stand += `[${id}]: x\n`;
      if (definitions.footnotes.has(id) && !plain.model.footnotes.has(id)) stand += `[^${id}]: x\n`;
    }
    return stand === '' ? plain : this.parse(chunk.text, chunk.first, chunk.last, stand);
  }

  /**
   * Parses a chunk alone. A chunk after the first is preceded by a blank line (so that it is never
   * front matter) and the stand-in definitions; the first chunk takes them after its text. A chunk
   * before the last is followed by a sentinel paragraph, which tells whether it closed everything.
   */
  private parse(text: string, first: boolean, last: boolean, stand: string): ParsedChunk {
    const key = `${first ? 'F' : '-'}${last ? 'L' : '-'}${stand}\u0000${text}`;
    let parsed = this.nextParsed.get(key) ?? this.parsed.get(key);
    if (!parsed) {
      this.stats.parsed++;
      const prefix = first ? '' : `${stand}\n`;
      const suffix = last ? '' : `${first ? stand : ''}${first && stand !== '' ? '\n' : ''}${SENTINEL}`;
      const source = prefix + text + suffix;
      const root = parseMarkdown(source);
      const sentinelStart = source.length - SENTINEL.length;
      const lastNode = root.children[root.children.length - 1];
      const closed = last || (lastNode?.type === 'paragraph' && lastNode.position?.start.offset === sentinelStart);
      const model = buildDocumentModel(source, root, { start: prefix.length, end: prefix.length + text.length });
      parsed = { model: prefix.length === 0 ? model : shiftModel(model, -prefix.length), closed };
    }
    this.nextParsed.set(key, parsed);
    return parsed;
  }

  /** The chunk's blocks analysed against the document's definitions (cached by what they resolve to). */
  private analyze(chunk: Chunk, parsed: ParsedChunk, definitions: DocumentDefinitions): AnalyzedChunk {
    const key = `${chunk.first ? 'F' : '-'}${chunk.last ? 'L' : '-'}${resolutionKey(parsed.model, definitions)}\u0001${chunk.text}`;
    const cached = this.nextAnalyzed.get(key) ?? this.analyzed.get(key);
    if (cached && cached.parsed === parsed) {
      this.nextAnalyzed.set(key, cached);
      return cached.chunk;
    }
    this.stats.analyzed++;
    const sentences: AnalyzedSentence[] = [];
    const citations: Citation[] = [];
    for (const block of parsed.model.blocks) analyzeBlock(block, definitions, this.lexicon, sentences, citations);
    const chunkAnalysis: AnalyzedChunk = { parts: { blocks: parsed.model.blocks, sentences, citations, comments: parsed.model.comments } };
    this.nextAnalyzed.set(key, { parsed, chunk: chunkAnalysis });
    return chunkAnalysis;
  }
}

/** The document's reference and footnote definitions, gathered chunk by chunk in document order. */
function documentDefinitions(chunks: Chunk[]): DocumentDefinitions {
  const definitions: DocumentDefinitions = { footnotes: new Map(), definitions: new Map() };
  for (const chunk of chunks) {
    const model = chunk.plain.model;
    for (const [id, url] of model.definitions) definitions.definitions.set(id, url);
    for (const [id, targets] of model.footnotes) definitions.footnotes.set(id, shiftFootnote(targets, chunk.start));
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

/** The chunk's parts at document offset `at`. */
function placed(analyzed: AnalyzedChunk, at: number): ChunkParts {
  if (at === 0) return analyzed.parts;
  if (analyzed.shifted?.at !== at) analyzed.shifted = { at, parts: shiftParts(analyzed.parts, at) };
  return analyzed.shifted.parts;
}

function shiftSpan<T extends { start: number; end: number }>(span: T, delta: number): T {
  return { ...span, start: span.start + delta, end: span.end + delta };
}

function shiftFootnote(targets: FootnoteTargets, delta: number): FootnoteTargets {
  return delta === 0 ? targets : shiftSpan(targets, delta);
}

function shiftBlock(block: ProseBlock, delta: number): ProseBlock {
  const map = new Int32Array(block.map.length);
  for (let i = 0; i < map.length; i++) map[i] = (block.map[i] as number) + delta;
  return { ...block, start: block.start + delta, end: block.end + delta, map, links: block.links.map((link) => shiftSpan(link, delta)) };
}

/** A freshly parsed chunk's model moved by `delta`. */
function shiftModel(model: DocumentModel, delta: number): DocumentModel {
  const footnotes = new Map<string, FootnoteTargets>();
  for (const [id, targets] of model.footnotes) footnotes.set(id, shiftFootnote(targets, delta));
  return {
    blocks: model.blocks.map((block) => shiftBlock(block, delta)),
    comments: model.comments.map((comment) => shiftSpan(comment, delta)),
    footnotes,
    definitions: model.definitions,
  };
}

/** Copies of a chunk's parts moved by `delta`, keeping which citation covers which sentence. */
function shiftParts(parts: ChunkParts, delta: number): ChunkParts {
  const blocks = new Map<ProseBlock, ProseBlock>();
  for (const block of parts.blocks) blocks.set(block, shiftBlock(block, delta));
  const citations = new Map<Citation, Citation>();
  for (const citation of parts.citations) citations.set(citation, { ...citation, source: shiftSpan(citation.source, delta) });
  const moved = (list: Citation[]): Citation[] => list.map((c) => citations.get(c) as Citation);
  const sentences = parts.sentences.map((sentence): AnalyzedSentence => {
    const cited: CitedSentence = {
      plain: sentence.cited.plain,
      inside: moved(sentence.cited.inside),
      trailing: moved(sentence.cited.trailing),
      coveredBy: moved(sentence.cited.coveredBy),
    };
    return { ...sentence, block: blocks.get(sentence.block) as ProseBlock, cited, source: shiftSpan(sentence.source, delta) };
  });
  return {
    blocks: [...blocks.values()],
    sentences,
    citations: [...citations.values()],
    comments: parts.comments.map((comment) => shiftSpan(comment, delta)),
  };
}
