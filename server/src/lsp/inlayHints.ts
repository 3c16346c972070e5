/**
 * Verified marks: an inlay hint such as `✓ investors.coreweave.com` after each statement that agrees
 * with a source it cites, the quote in its tooltip. Off unless `sourcecheck.verifiedMarks` is on.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Position, type Range } from 'vscode-languageserver/node';
import { hostMatches, type CheckedStatement, type CheckResult } from '../engine';
import type { FactBase } from '../engine/types';
import { escapeMarkdown } from './markdown';
import { touches } from './positions';

/**
 * The verified marks of a check result within `range`. A sentence whose every statement agrees gets
 * one mark at its end; in a sentence where something disagrees or lacks its citation, only the figures
 * that agree get one (a mark after the whole sentence would vouch for the wrong part too).
 */
export function verifiedMarks(result: CheckResult, base: FactBase, range: Range): InlayHint[] {
  const bySentence = new Map<string, CheckedStatement[]>();
  for (const statement of result.statements) {
    if (!touches(statement.sentence, range)) continue;
    const key = `${statement.sentence.start.line}:${statement.sentence.start.character}`;
    const list = bySentence.get(key) ?? [];
    list.push(statement);
    bySentence.set(key, list);
  }
  const hints: InlayHint[] = [];
  for (const statements of bySentence.values()) {
    const allAgree = statements.every((s) => s.verdict === 'agrees');
    const marked = allAgree ? statements : statements.filter((s) => s.verdict === 'agrees' && !sameRange(s.range, s.sentence));
    const byPosition = new Map<string, { position: Position; hosts: Set<string>; quotes: string[] }>();
    for (const statement of marked) {
      const fact = base.factsById.get(statement.factId);
      if (!fact) continue;
      const domains = fact.sources.flatMap((id) => base.sources.get(id)?.domains ?? [id]);
      const backing = statement.citedSources.filter((host) => domains.some((d) => hostMatches(host, d)));
      if (backing.length === 0) continue;
      const position = allAgree ? statement.sentence.end : statement.range.end;
      const key = `${position.line}:${position.character}`;
      const mark = byPosition.get(key) ?? { position, hosts: new Set<string>(), quotes: [] };
      for (const host of backing) mark.hosts.add(host);
      if (!mark.quotes.includes(fact.quote.text)) mark.quotes.push(fact.quote.text);
      byPosition.set(key, mark);
    }
    for (const mark of byPosition.values()) {
      hints.push({
        position: mark.position,
        label: `✓ ${[...mark.hosts].join(', ')}`,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: { kind: MarkupKind.Markdown, value: ['Agrees with the source:', ...mark.quotes.map((q) => `> “${escapeMarkdown(q)}”`)].join('\n\n') },
      });
    }
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
