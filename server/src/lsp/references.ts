/**
 * Where is this fact used (`textDocument/references`): from a checked statement in a draft, or from a
 * fact's entry in a fact file, every sentence of the workspace's drafts that speaks to the same fact,
 * whatever its verdict, from the workspace index.
 */
import type { Location, Position } from 'vscode-languageserver/node';
import { entryAt, outlineFactFile, type CheckResult } from '../engine';
import type { FactBase } from '../engine/types';
import { contains } from './positions';
import { documentUri } from './diagnostics';
import type { WorkspaceIndex } from './workspaceIndex';

/** The facts the statements at `position` of a checked draft speak to. */
export function factsAtStatement(result: CheckResult, position: Position): Set<string> {
  return new Set(result.statements.filter((s) => contains(s.range, position) || contains(s.sentence, position)).map((s) => s.factId));
}

/** The fact whose entry in the fact file `text` holds `position`, when it is one of `base`'s. */
export function factAtEntry(text: string, position: Position, base: FactBase): Set<string> {
  const entry = entryAt(outlineFactFile(text), 'facts', position);
  return new Set(entry && base.factsById.has(entry.id) ? [entry.id] : []);
}

/** The references of `factIds`: the indexed sentences, and with `includeDeclaration` the facts' entries. */
export function referencesOf(factIds: ReadonlySet<string>, index: WorkspaceIndex, base: FactBase, includeDeclaration: boolean): Location[] {
  const locations: Location[] = [];
  if (includeDeclaration) {
    for (const id of factIds) {
      const fact = base.factsById.get(id);
      if (fact && !fact.extracted) locations.push({ uri: documentUri(fact.origin.file), range: fact.origin.range });
    }
  }
  locations.push(...index.locationsOf(factIds));
  return locations;
}
