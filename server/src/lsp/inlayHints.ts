/**
 * Verified marks: an inlay hint such as `✓ investors.coreweave.com` after each statement that agrees
 * with a source it cites. Off unless `sourcecheck.verifiedMarks` is on.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import { hostMatches, type CheckResult } from '../engine';
import type { FactBase } from '../engine/types';
import { escapeMarkdown } from './markdown';
import { touches } from './positions';

/** The verified marks of a check result within `range`. */
export function verifiedMarks(result: CheckResult, base: FactBase, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const seen = new Set<string>();
  for (const statement of result.statements) {
    if (statement.verdict !== 'agrees' || !touches(statement.range, range)) continue;
    const fact = base.factsById.get(statement.factId);
    if (!fact) continue;
    const domains = fact.sources.flatMap((id) => base.sources.get(id)?.domains ?? [id]);
    const backing = statement.citedSources.filter((host) => domains.some((d) => hostMatches(host, d)));
    if (backing.length === 0) continue;
    const label = `✓ ${backing.join(', ')}`;
    const key = `${statement.range.end.line}:${statement.range.end.character}:${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hints.push({
      position: statement.range.end,
      label,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: `Agrees with the source: “${escapeMarkdown(fact.quote.text)}”` },
    });
  }
  return hints;
}
