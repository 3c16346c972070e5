/**
 * The analysis every check reads: the document's prose sentences, the citations that cover each,
 * and the facts each speaks to.
 */
import { parseWithPlainChunks } from './markdown/plainChunks';
import { buildDocumentModel, type DocumentDefinitions, type DocumentModel, type ProseBlock } from './markdown/blocks';
import { blockCitations, citeSentences, type Citation, type CitedSentence } from './citations';
export { isBackedBy } from './citations';
import { splitSentences } from './text/sentences';
import { lexiconOf, type Lexicon } from './match/lexicon';
import { tokenize } from './text/tokens';
import { matchSentence, type CandidateSource, type CandidateTrace, type FactMatch, type SentenceFeatures } from './match/matcher';
import { cueSource } from './match/cues';
import { termSource } from './match/terms';
import { frameTokens, readFrames, type ClaimFrame } from './claims/frame';
import { extractMentions } from './values';
import { getOrCreate } from './util/maps';
import { LineIndex } from './text/lineIndex';
import type { Root } from 'mdast';
import type { FactBase, Mention, Span } from './types';

/** One sentence of prose and what was found in it. */
export interface AnalyzedSentence {
  block: ProseBlock;
  cited: CitedSentence;
  /** Span of the sentence in the document. */
  source: Span;
  matches: FactMatch[];
  unsupported: Mention[];
  /** The sentence's values and their claim frames (sentence offsets), for the draft-wide context pass. */
  mentions: Mention[];
  frames: ClaimFrame[];
  /** Known parties the sentence names itself. */
  parties: string[];
  /** Every fact considered for each value and why it was taken or ruled out; only when asked for (explain). */
  trace?: CandidateTrace[];
}

/** The analysis of one document. */
export interface DocumentAnalysis {
  text: string;
  lines: LineIndex;
  base: FactBase;
  lexicon: Lexicon;
  model: DocumentModel;
  /**
   * The sentences that speak to a fact, name a value about a known party, or are covered by a
   * citation, in document order: the others bear on no check. Blocks that name no party (directly
   * or through a cited host) and carry no citation are not even split into sentences.
   */
  sentences: AnalyzedSentence[];
  citations: Citation[];
}

/** Source span of a plain-text span of a block. */
export function sourceSpan(block: ProseBlock, plain: Span): Span {
  const start = block.map.at(plain.start) ?? block.end;
  const end = plain.end > plain.start ? (block.map.at(plain.end - 1) as number) + 1 : start;
  return { start, end };
}

/** Source span of a mention found in a sentence. */
export function mentionSource(sentence: AnalyzedSentence, span: Span): Span {
  const offset = sentence.cited.plain.start;
  return sourceSpan(sentence.block, { start: offset + span.start, end: offset + span.end });
}

/** Parses and analyses a document against a fact base. */
export function analyzeDocument(text: string, base: FactBase, traceAt?: Span): DocumentAnalysis {
  return analyzeParsed(text, parseWithPlainChunks(text), base, traceAt);
}

/**
 * Analyses a document that is already parsed (`root` is the mdast of `text`). Sentences that overlap
 * `traceAt` record every fact considered for their values (see {@link AnalyzedSentence.trace}).
 */
export function analyzeParsed(text: string, root: Root, base: FactBase, traceAt?: Span): DocumentAnalysis {
  const lexicon = lexiconOf(base);
  const model = buildDocumentModel(text, root);
  const sentences: AnalyzedSentence[] = [];
  const citations: Citation[] = [];
  for (const block of model.blocks) analyzeBlock(block, model, lexicon, sentences, citations, traceAt);
  return { text, lines: new LineIndex(text), base, lexicon, model, sentences, citations };
}

/**
 * Analyses one prose block: its citations (resolved against the document's footnote and reference
 * definitions) and its sentences, appended to `sentences` and `citations`.
 */
export function analyzeBlock(
  block: ProseBlock,
  definitions: DocumentDefinitions,
  lexicon: Lexicon,
  sentences: AnalyzedSentence[],
  citations: Citation[],
  traceAt?: Span,
): void {
  const blockCites = blockCitations(block, definitions, lexicon.knownHosts);
  citations.push(...blockCites);
  // Without a party named in the block or carried by a citation's host, no fact applies to any of its
  // sentences; they matter only for the citations they carry (coverage and citation style).
  const hostsNameParties = blockCites.some((c) => c.hosts.some((h) => lexicon.partiesOfHost(h).length > 0));
  // A heading that is wholly a quotation ("## "Meta signed a $12 billion deal"") reports a claim, as a
  // fact-check does before it rules on it: it states nothing itself.
  const quoted = block.kind === 'heading' && QUOTED.test(block.text);
  const mayMatch = !quoted && (!lexicon.everyFactNeedsParty || hostsNameParties || lexicon.mayNameParty(block.text));
  // A block that names no party may still repeat a figure the draft stated earlier ("Zuckerberg is wagering $2.4 billion").
  const mayRepeat = !quoted && MAY_HOLD_FIGURE.test(block.text);
  if (!mayMatch && blockCites.length === 0 && !mayRepeat) return;
  const cited = citeSentences(block.text, splitSentences(block.text), blockCites);
  let context: ReadonlySet<string> = new Set();
  for (const sentence of cited) {
    const analyzed: AnalyzedSentence = {
      block, cited: sentence, source: sourceSpan(block, sentence.plain), matches: [], unsupported: [], mentions: [], frames: [], parties: [],
    };
    // Only sentences that match, hold a value, or that a citation covers, bear on any check.
    let kept = sentence.coveredBy.length > 0;
    if (kept) sentences.push(analyzed);
    if (!mayMatch) {
      if (mayRepeat) {
        const analysisText = maskCitations(block.text, sentence);
        const mentions = extractMentions(analysisText);
        if (mentions.length > 0) {
          analyzed.mentions = mentions;
          analyzed.frames = readFrames(analysisText, frameTokens(analysisText), mentions);
          if (!kept) sentences.push(analyzed);
        }
      }
      continue;
    }
    const analysisText = maskCitations(block.text, sentence);
    const tokens = tokenize(analysisText);
    const parties = lexicon.findParties(tokens);
    if (parties.length > 0) analyzed.parties = [...new Set(parties.map((p) => p.partyId))];
    // The paragraph's previous parties stand in only for a sentence that names none of its own
    // ("The agreement runs through December 2033"); a cited host that names a party always counts.
    const hostParties = sentence.coveredBy.length === 0 ? [] : sentence.coveredBy.flatMap((c) => c.hosts.flatMap((h) => lexicon.partiesOfHost(h)));
    const inherited = parties.length === 0 ? context : NO_PARTIES;
    const sentenceContext = hostParties.length > 0 ? new Set([...inherited, ...hostParties]) : inherited;
    const matchable = parties.length > 0 || sentenceContext.size > 0 || !lexicon.everyFactNeedsParty;
    // A sentence nothing can match matters only for a figure it may repeat, which has a digit or currency sign.
    const mentions = matchable || MAY_HOLD_FIGURE.test(analysisText) ? extractMentions(analysisText) : [];
    const frames = readFrames(analysisText, tokens, mentions, parties, lexicon.partyWords);
    analyzed.mentions = mentions;
    analyzed.frames = frames;
    if (!kept && mentions.length > 0) {
      kept = true;
      sentences.push(analyzed);
    }
    // A sentence that names no party and has none from its paragraph or citations matches nothing.
    if (!matchable) continue;
    const features: SentenceFeatures = { tokens, parties, mentions, frames };
    if (traceAt && analyzed.source.start <= traceAt.end && analyzed.source.end >= traceAt.start) features.trace = analyzed.trace = [];
    const found = matchSentence(candidateSources(lexicon), { features, context: sentenceContext, covering: sentence.coveredBy });
    analyzed.matches = found.matches;
    analyzed.unsupported = found.unsupported;
    if (!kept && (found.matches.length > 0 || found.unsupported.length > 0)) sentences.push(analyzed);
    if (parties.length > 0) context = new Set(parties.map((p) => p.partyId));
  }
}

const sourcesByLexicon = new WeakMap<Lexicon, CandidateSource[]>();

/** Where the matcher finds candidates: curated facts by their cues first, then facts read from source notes by shared words. */
function candidateSources(lexicon: Lexicon): CandidateSource[] {
  return getOrCreate(sourcesByLexicon, lexicon, () => [cueSource(lexicon), termSource(lexicon.base)]);
}

const NO_PARTIES: ReadonlySet<string> = new Set();

/** A cheap test for text that may hold a figure worth checking as a repeat: a digit or a currency sign. */
const MAY_HOLD_FIGURE = /[\d$€£¥₹]/;
/** Text wholly inside one pair of quotation marks. */
const QUOTED = /^\s*["“„«][^"“”„«»]*["”»]\s*$/;

/** The sentence's text with its parenthetical citations blanked out (same length, same offsets). */
export function maskCitations(blockText: string, sentence: CitedSentence): string {
  let text = blockText.slice(sentence.plain.start, sentence.plain.end);
  for (const citation of sentence.inside) {
    if (citation.kind !== 'parenthetical') continue;
    const start = citation.plain.start - sentence.plain.start;
    const end = citation.plain.end - sentence.plain.start;
    if (start < 0 || end > text.length) continue;
    text = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  }
  return text;
}
