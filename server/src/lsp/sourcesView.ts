/**
 * The `sourcecheck/sources` request behind the Sources view: the fact base's sources, each with its
 * facts and what the active draft makes of each (agrees, disagrees, uncited, or not used).
 */
import { expectedTextOf, type CheckResult } from '../engine';
import type { FactBase, Range } from '../engine/types';
import type { FactStatus, SourcesResult, SourcesViewFact, SourcesViewSource } from '../lspExt';
import { documentUri } from './diagnostics';

/** Which status wins when several statements speak to one fact. */
const PRECEDENCE: readonly FactStatus[] = ['disagrees', 'uncited', 'agrees', 'unused'];

/** The Sources view of a draft checked against `base`. */
export function sourcesView(uri: string, result: CheckResult, base: FactBase): SourcesResult {
  const byFact = new Map<string, { status: FactStatus; statements: Range[] }>();
  for (const statement of result.statements) {
    const status: FactStatus = statement.verdict === 'agrees' ? 'agrees' : statement.verdict === 'mismatch' ? 'disagrees' : 'uncited';
    const entry = byFact.get(statement.factId) ?? { status, statements: [] };
    if (PRECEDENCE.indexOf(status) < PRECEDENCE.indexOf(entry.status)) entry.status = status;
    entry.statements.push(statement.range);
    byFact.set(statement.factId, entry);
  }
  const sources: SourcesViewSource[] = [];
  for (const source of base.sources.values()) {
    const facts: SourcesViewFact[] = [];
    for (const fact of base.facts) {
      if (!fact.sources.includes(source.id)) continue;
      const used = byFact.get(fact.id);
      const item: SourcesViewFact = {
        id: fact.id,
        statement: fact.statement,
        status: used?.status ?? 'unused',
        quote: { uri: documentUri(fact.quote.documentPath), range: fact.quote.range, text: fact.quote.text },
        statements: used?.statements ?? [],
      };
      const value = expectedTextOf(fact);
      if (value !== undefined) item.value = value;
      facts.push(item);
    }
    sources.push({ id: source.id, name: source.name, url: source.url, facts });
  }
  return { uri, checked: true, sources };
}
