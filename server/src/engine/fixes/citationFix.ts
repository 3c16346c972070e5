/**
 * Citation fixes that follow the document's own citation style: a `(domain)` parenthetical after
 * the sentence (the seed's style) or before its final punctuation, a Markdown link, or a footnote.
 */
import type { CitationStyle, FootnoteDefinition, ResolvedCitationStyle } from '../api';
import type { AnalyzedSentence, DocumentAnalysis } from '../analyze';
import { sourceSpan } from '../analyze';
import type { Citation } from '../citations';
import type { Fix, Source, TextEdit } from '../types';

export type { ResolvedCitationStyle };

/** The style new citations should take in this document. */
export function resolveCitationStyle(analysis: DocumentAnalysis, requested: CitationStyle = 'auto'): ResolvedCitationStyle {
  if (requested === 'footnote' || requested === 'link') return requested;
  const counts: Record<ResolvedCitationStyle, number> = { 'parenthetical-after': 0, 'parenthetical-before': 0, link: 0, footnote: 0 };
  for (const sentence of analysis.sentences) {
    for (const citation of sentence.cited.inside) counts[citation.kind === 'parenthetical' ? 'parenthetical-before' : citation.kind]++;
    for (const citation of sentence.cited.trailing) counts[citation.kind === 'parenthetical' ? 'parenthetical-after' : citation.kind]++;
  }
  if (requested === 'parenthetical') {
    return counts['parenthetical-before'] > counts['parenthetical-after'] ? 'parenthetical-before' : 'parenthetical-after';
  }
  let style: ResolvedCitationStyle = 'parenthetical-after';
  for (const candidate of ['parenthetical-before', 'link', 'footnote'] as const) {
    if (counts[candidate] > counts[style]) style = candidate;
  }
  return style;
}

/** Source offsets where a citation goes after, and before, the sentence's final punctuation. */
function insertionPoints(sentence: AnalyzedSentence): { after: number; before: number } {
  const text = sentence.block.text;
  let end = sentence.cited.plain.end;
  // Trailing parentheticals of other kinds stay after the new citation.
  while (end > sentence.cited.plain.start && /\s/.test(text[end - 1] as string)) end--;
  let before = end;
  while (before > sentence.cited.plain.start && /[)"'”’\]]/.test(text[before - 1] as string)) before--;
  if (before > sentence.cited.plain.start && /[.!?…]/.test(text[before - 1] as string)) before--;
  else before = end;
  const span = sourceSpan(sentence.block, { start: sentence.cited.plain.start, end });
  const beforeOffset = before === end ? span.end : sourceSpan(sentence.block, { start: before, end: before + 1 }).start;
  return { after: span.end, before: beforeOffset };
}

function edit(analysis: DocumentAnalysis, start: number, end: number, newText: string): TextEdit {
  return { range: analysis.lines.rangeOf(start, end), newText };
}

/**
 * The footnote label that cites `source`: an existing definition's whose URLs name one of the
 * source's domains, or a new label made from the source id.
 */
export function footnoteLabelFor(footnotes: Iterable<FootnoteDefinition>, source: Source): { label: string; exists: boolean } {
  for (const footnote of footnotes) {
    if (footnote.urls.some((url) => source.domains.some((d) => url.toLowerCase().includes(d)))) return { label: footnote.label, exists: true };
  }
  return { label: source.id.replace(/[^A-Za-z0-9]+/g, '-'), exists: false };
}

function* definitionsOf(analysis: DocumentAnalysis): Iterable<FootnoteDefinition> {
  for (const [label, footnote] of analysis.model.footnotes) yield { label, urls: footnote.urls };
}

/** The text that appends a footnote definition to a document ending in `text`. */
export function footnoteDefinitionText(text: string, label: string, source: Source): string {
  const separator = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${separator}[^${label}]: ${source.url}\n`;
}

/** Edits that insert citations of `sources` for a sentence, in `style`. */
export function citationInsertEdits(analysis: DocumentAnalysis, sentence: AnalyzedSentence, sources: Source[], style: ResolvedCitationStyle): TextEdit[] {
  const points = insertionPoints(sentence);
  switch (style) {
    case 'parenthetical-after':
      return [edit(analysis, points.after, points.after, sources.map((s) => ` (${s.id})`).join(''))];
    case 'parenthetical-before':
      return [edit(analysis, points.before, points.before, sources.map((s) => ` (${s.id})`).join(''))];
    case 'link':
      return [edit(analysis, points.before, points.before, ` (${sources.map((s) => `[${s.id}](${s.url})`).join(', ')})`)];
    case 'footnote': {
      const edits: TextEdit[] = [];
      let markers = '';
      for (const source of sources) {
        const { label, exists } = footnoteLabelFor(definitionsOf(analysis), source);
        markers += `[^${label}]`;
        if (!exists) {
          const text = analysis.text;
          edits.push(edit(analysis, text.length, text.length, footnoteDefinitionText(text, label, source)));
        }
      }
      edits.unshift(edit(analysis, points.after, points.after, markers));
      return edits;
    }
  }
}

/** A fix inserting citations of `sources`. */
export function insertCitationFix(analysis: DocumentAnalysis, sentence: AnalyzedSentence, sources: Source[], style: ResolvedCitationStyle): Fix {
  return {
    title: `Cite ${sources.map((s) => s.id).join(' and ')}`,
    edits: citationInsertEdits(analysis, sentence, sources, style),
    isPreferred: true,
  };
}

/**
 * A fix for a citation that does not back the statement: a parenthetical that covers only this
 * sentence is replaced; otherwise the right source is added beside it, so other sentences keep theirs.
 */
export function replaceCitationFix(
  analysis: DocumentAnalysis,
  sentence: AnalyzedSentence,
  wrong: Citation[],
  sources: Source[],
  style: ResolvedCitationStyle,
): Fix {
  const soleParenthetical = wrong.length === 1 && wrong[0]?.kind === 'parenthetical' && coversOnly(analysis, wrong[0], sentence);
  if (soleParenthetical) {
    const citation = wrong[0] as Citation;
    return {
      title: `Replace (${citation.hosts.join(', ')}) with (${sources.map((s) => s.id).join(', ')})`,
      edits: [edit(analysis, citation.source.start, citation.source.end, sources.map((s) => `(${s.id})`).join(' '))],
      isPreferred: true,
    };
  }
  return { ...insertCitationFix(analysis, sentence, sources, style), title: `Add citation ${sources.map((s) => s.id).join(' and ')}` };
}

function coversOnly(analysis: DocumentAnalysis, citation: Citation, sentence: AnalyzedSentence): boolean {
  // A citation covers sentences of its own block only.
  return analysis.sentences.every((other) => other === sentence || other.block !== sentence.block || !other.cited.coveredBy.includes(citation));
}
