/**
 * Hover on a checked statement (correct ones too): the verdict, the source quote, the source's name
 * and link, and the fact id.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { CheckedStatement, Verdict } from '../engine/api';
import type { FactBase, Range } from '../engine/types';
import { escapeMarkdown, markdownLink } from './markdown';

/** The heading of each verdict. */
export const VERDICT_TITLES: Readonly<Record<Verdict, string>> = {
  agrees: '✓ Agrees with source',
  mismatch: '✗ Mismatch',
  'missing-citation': 'Missing citation',
  'wrong-citation': 'Wrong citation',
};

/** How many statements one hover shows at most (a sentence can match several facts). */
const MAX_STATEMENTS = 3;

/** The hover at `position`, from a cached check result; null when no checked statement is there. */
export function hoverAt(statements: CheckedStatement[], base: FactBase, position: Position, markdown: boolean): Hover | null {
  const hits = statements
    .filter((s) => contains(s.range, position))
    .sort((a, b) => size(a.range) - size(b.range));
  const seen = new Set<string>();
  const shown: CheckedStatement[] = [];
  for (const statement of hits) {
    if (seen.has(statement.factId)) continue;
    seen.add(statement.factId);
    shown.push(statement);
    if (shown.length === MAX_STATEMENTS) break;
  }
  const first = shown[0];
  if (!first) return null;
  const parts = shown.map((s) => (markdown ? statementMarkdown(s, base) : statementText(s, base)));
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') },
    range: first.range,
  };
}

/** The Markdown of one statement; every text that comes from a fact file is escaped. */
export function statementMarkdown(statement: CheckedStatement, base: FactBase): string {
  const fact = base.factsById.get(statement.factId);
  const lines: string[] = [`**${VERDICT_TITLES[statement.verdict]}**`];
  if (statement.verdict === 'mismatch' && statement.expected !== undefined) {
    lines.push(`Source says ${escapeMarkdown(statement.expected)}${statement.found !== undefined ? `; draft says ${escapeMarkdown(statement.found)}` : ''}.`);
  }
  if (fact) {
    lines.push(`> “${escapeMarkdown(fact.quote.text)}”`);
    const sources = fact.sources.map((id) => {
      const source = base.sources.get(id);
      if (!source) return escapeMarkdown(id);
      const name = source.name && source.name !== source.id ? `${source.name} (${source.id})` : source.id;
      return markdownLink(name, source.url);
    });
    if (sources.length > 0) lines.push(`Source: ${sources.join(', ')}`);
  }
  if (statement.verdict === 'wrong-citation' && statement.citedSources.length > 0) {
    lines.push(`Cited: ${statement.citedSources.map(escapeMarkdown).join(', ')}`);
  }
  if (statement.frame !== undefined) lines.push(`Read as: ${escapeMarkdown(statement.frame)}`);
  if (statement.repeatOf !== undefined) lines.push(`Repeats the figure first stated on line ${statement.repeatOf.start.line + 1}.`);
  lines.push(`Fact: ${escapeMarkdown(statement.factId)}`);
  // Separate paragraphs: a line break inside a paragraph would be lost, and the quote must stand alone.
  return lines.join('\n\n');
}

/** The plain-text form, for clients without Markdown hovers. */
export function statementText(statement: CheckedStatement, base: FactBase): string {
  const fact = base.factsById.get(statement.factId);
  const lines: string[] = [VERDICT_TITLES[statement.verdict]];
  if (statement.verdict === 'mismatch' && statement.expected !== undefined) {
    lines.push(`Source says ${statement.expected}${statement.found !== undefined ? `; draft says ${statement.found}` : ''}.`);
  }
  if (fact) {
    lines.push(`“${fact.quote.text}”`);
    const sources = fact.sources.map((id) => {
      const source = base.sources.get(id);
      return source ? `${source.name || source.id} <${source.url}>` : id;
    });
    if (sources.length > 0) lines.push(`Source: ${sources.join(', ')}`);
  }
  if (statement.frame !== undefined) lines.push(`Read as: ${statement.frame}`);
  if (statement.repeatOf !== undefined) lines.push(`Repeats the figure first stated on line ${statement.repeatOf.start.line + 1}.`);
  lines.push(`Fact: ${statement.factId}`);
  return lines.join('\n');
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function size(range: Range): number {
  return (range.end.line - range.start.line) * 1e6 + (range.end.character - range.start.character);
}
