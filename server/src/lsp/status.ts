/** The `sourcecheck/status` notification: what the language status item shows. */
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { StatusParams } from '../lspExt';
import type { FactBase } from '../engine/types';
import type { CheckEntry } from './checks';
import type { FactBaseEntry } from './factBase';
import { pathToUri } from './uris';

/** The status from the fact bases in use and the latest check of each open draft. */
export function buildStatus(enabled: boolean, factBases: FactBaseEntry[], checks: CheckEntry[]): StatusParams {
  const bases = new Set<FactBase>();
  const files = new Set<string>();
  const errors = new Set<string>();
  for (const entry of factBases) {
    if (entry.base) bases.add(entry.base);
    for (const file of entry.factFiles) files.add(pathToUri(file));
    if (entry.configPath) files.add(pathToUri(entry.configPath));
    for (const d of entry.diagnostics) if (d.severity === 'error') errors.add(JSON.stringify([d.file, d.range, d.message]));
  }
  const factIds = new Set<string>();
  for (const base of bases) for (const id of base.factsById.keys()) factIds.add(id);
  return {
    enabled,
    factCount: factIds.size,
    factFiles: [...files].sort(),
    factErrors: errors.size,
    documents: checks.map((entry) => ({
      uri: entry.uri,
      errors: entry.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
      warnings: entry.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
      hints: entry.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Information || d.severity === DiagnosticSeverity.Hint).length,
    })),
  };
}
