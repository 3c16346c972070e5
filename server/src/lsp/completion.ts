/**
 * Cite as you type (`textDocument/completion`): after `(` at the end of a sentence, or inside a
 * citation parenthetical, and after `[^`, the known sources, those that back the sentence first, each
 * with its name and the quote that backs the sentence. The inserted citation follows the draft's
 * style: a `(domain)` parenthetical, a Markdown link, or a footnote reference (with its definition
 * added when the draft has none for that source). Quiet anywhere else: in code, after a word, in a link.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type TextEdit } from 'vscode-languageserver/node';
import { footnoteDefinitionText, footnoteLabelFor, shortQuote, type CheckResult } from '../engine';
import type { Fact, FactBase, Source } from '../engine/types';
import { escapeMarkdown, markdownLink } from './markdown';
import { atOrBefore, contains } from './positions';

/** The characters that open a citation; the client asks for completions when one is typed. */
export const CITATION_TRIGGERS = ['(', '^'];

/** What completion reads. */
export interface CompletionInput {
  result: CheckResult;
  base: FactBase;
  position: Position;
  /** The text of the position's line. */
  lineText: string;
  /** The draft's full text (a footnote definition goes at its end). */
  text: string;
  /** The position just past the end of the draft. */
  end: Position;
}

/** Where a citation is being typed, or undefined when completion should stay quiet. */
interface CitationContext {
  kind: 'parenthesis' | 'footnote';
  /** Column of the opening `(` or `[`. */
  open: number;
  /** Column where the typed prefix starts (after `(` or `[^`). */
  prefixStart: number;
  /** Column up to which the edit replaces: the cursor, or past a closing `)`/`]` the editor added. */
  replaceEnd: number;
}

/** Citation completions at a position; empty where none belong. */
export function citationCompletions(input: CompletionInput): CompletionItem[] {
  const context = citationContext(input.lineText, input.position.character);
  if (!context) return [];
  // Only in prose: not in a fenced or indented code block, front matter or an HTML block.
  if (!input.result.prose.some((block) => contains(block, input.position))) return [];
  const backing = backingFacts(input.result, input.base, { line: input.position.line, character: context.open });
  const items: CompletionItem[] = [];
  const listed = new Set<string>();
  const add = (source: Source, fact: Fact | undefined, rank: number): void => {
    if (listed.has(source.id)) return;
    listed.add(source.id);
    items.push(itemFor(input, context, source, fact, `${rank}-${String(items.length).padStart(4, '0')}`));
  };
  for (const fact of backing) {
    for (const id of fact.sources) {
      const source = input.base.sources.get(id);
      if (source) add(source, fact, 0);
    }
  }
  const others = [...input.base.sources.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const source of others) add(source, undefined, 1);
  return items;
}

const OPENS_AFTER = /[\s.!?…"'”’:;,]/;

function citationContext(line: string, character: number): CitationContext | undefined {
  const before = line.slice(0, character);
  // Inside an inline code span: an odd number of backticks before the cursor.
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return undefined;
  const after = line.slice(character);
  const footnote = /\[\^([A-Za-z0-9_.-]*)$/.exec(before);
  if (footnote) {
    const open = footnote.index;
    return { kind: 'footnote', open, prefixStart: open + 2, replaceEnd: character + (after.startsWith(']') ? 1 : 0) };
  }
  const paren = /\(([a-z0-9.-]*)$/i.exec(before);
  if (!paren) return undefined;
  const open = paren.index;
  // `(` right after a word ("f(x)") or a link's text ("[a](") is not a citation.
  if (open > 0 && !OPENS_AFTER.test(line[open - 1] as string)) return undefined;
  return { kind: 'parenthesis', open, prefixStart: open + 1, replaceEnd: character + (after.startsWith(')') ? 1 : 0) };
}

/** The facts of the sentence that ends at (or holds) `at`, the citation's opening. */
function backingFacts(result: CheckResult, base: FactBase, at: Position): Fact[] {
  let best: Position | undefined;
  for (const s of result.statements) {
    const sentence = s.sentence;
    const holds = atOrBefore(sentence.start, at) && (atOrBefore(at, sentence.end) || sentence.end.line === at.line);
    if (holds && (!best || atOrBefore(best, sentence.start))) best = sentence.start;
  }
  if (!best) return [];
  const facts: Fact[] = [];
  for (const s of result.statements) {
    if (s.sentence.start.line !== best.line || s.sentence.start.character !== best.character) continue;
    const fact = base.factsById.get(s.factId);
    if (fact && !facts.includes(fact)) facts.push(fact);
  }
  return facts;
}

function itemFor(input: CompletionInput, context: CitationContext, source: Source, fact: Fact | undefined, sortText: string): CompletionItem {
  const line = input.position.line;
  const range = (from: number) => ({ start: { line, character: from }, end: { line, character: context.replaceEnd } });
  const style = input.result.citationStyle;
  let edit: TextEdit;
  let filterText = source.id;
  const additionalTextEdits: TextEdit[] = [];
  if (context.kind === 'footnote' || style === 'footnote') {
    const { label, exists } = footnoteLabelFor(input.result.footnotes, source);
    if (context.kind === 'footnote') {
      edit = { range: range(context.prefixStart), newText: `${label}]` };
      filterText = label;
    } else {
      // The typed `(` becomes the footnote reference.
      edit = { range: range(context.open), newText: `[^${label}]` };
      filterText = `(${source.id}`;
    }
    if (!exists) additionalTextEdits.push({ range: { start: input.end, end: input.end }, newText: footnoteDefinitionText(input.text, label, source) });
  } else if (style === 'link') {
    edit = { range: range(context.prefixStart), newText: `[${source.id}](${source.url}))` };
  } else {
    edit = { range: range(context.prefixStart), newText: `${source.id})` };
  }
  const documentation = [`**${escapeMarkdown(source.name || source.id)}** — ${markdownLink(source.url, source.url)}`];
  if (fact) documentation.push(`> “${escapeMarkdown(fact.quote.text)}”`, `Fact: ${escapeMarkdown(fact.id)}`);
  const item: CompletionItem = {
    label: source.id,
    // The backing quote right in the list, shortened; the whole of it is in the details.
    labelDetails: fact ? { detail: ` “${shortQuote(fact, 48)}”`, description: source.name } : { description: source.name },
    kind: CompletionItemKind.Reference,
    detail: fact ? `${source.name}: “${fact.quote.text}”` : source.name,
    documentation: { kind: MarkupKind.Markdown, value: documentation.join('\n\n') },
    sortText,
    filterText,
    textEdit: edit,
    insertTextFormat: InsertTextFormat.PlainText,
  };
  if (sortText.startsWith('0')) item.preselect = sortText.endsWith('0000');
  if (additionalTextEdits.length > 0) item.additionalTextEdits = additionalTextEdits;
  return item;
}

