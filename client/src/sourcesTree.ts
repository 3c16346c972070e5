/**
 * What the Sources view shows for the server's `sourcecheck/sources` answer: a node per source and per
 * fact, with the fact's status in the active draft. No `vscode` import: the wording is unit-tested.
 */
import type { FactStatus, SourcesResult, SourcesViewFact, SourcesViewSource } from '../../server/src/lspExt';

/** One node of the tree. */
export type SourcesNode =
  | { kind: 'source'; source: SourcesViewSource }
  | { kind: 'fact'; source: SourcesViewSource; fact: SourcesViewFact };

/** How each status reads, and the codicon and theme color it shows with. */
export const STATUS_VIEW: Readonly<Record<FactStatus, { text: string; icon: string; color?: string }>> = {
  agrees: { text: 'agrees', icon: 'pass', color: 'testing.iconPassed' },
  disagrees: { text: 'disagrees', icon: 'error', color: 'problemsErrorIcon.foreground' },
  uncited: { text: 'uncited', icon: 'warning', color: 'problemsWarningIcon.foreground' },
  unused: { text: 'not used', icon: 'circle-outline' },
};

/** The label, description and tooltip of a node. */
export function describeNode(node: SourcesNode): { label: string; description: string; tooltip: string } {
  if (node.kind === 'source') {
    const used = node.source.facts.filter((f) => f.status !== 'unused').length;
    const wrong = node.source.facts.filter((f) => f.status === 'disagrees').length;
    const counts = `${used} of ${node.source.facts.length} used${wrong > 0 ? `, ${wrong} disagree${wrong === 1 ? 's' : ''}` : ''}`;
    return { label: node.source.name || node.source.id, description: `${node.source.id} · ${counts}`, tooltip: `${node.source.name} <${node.source.url}>` };
  }
  const { fact } = node;
  const status = STATUS_VIEW[fact.status].text;
  const where = fact.statements.length > 1 ? ` (${fact.statements.length}×)` : '';
  // The status leads the description, so that a narrow view still shows it; the statement follows a value.
  return {
    label: fact.value ?? fact.statement,
    description: fact.value ? `${status}${where} — ${fact.statement}` : `${status}${where}`,
    tooltip: `${fact.statement}\n\n“${fact.quote.text}”\n\n${status} in this draft · fact ${fact.id}`,
  };
}

/** The children of a node (the sources at the root); sources without facts are left out. */
export function childrenOf(result: SourcesResult | undefined, node?: SourcesNode): SourcesNode[] {
  if (!result) return [];
  if (!node) return result.sources.filter((s) => s.facts.length > 0).map((source) => ({ kind: 'source', source }));
  if (node.kind === 'fact') return [];
  return node.source.facts.map((fact) => ({ kind: 'fact', source: node.source, fact }));
}
