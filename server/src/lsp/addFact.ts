/**
 * "Add fact from selection": the selected sentence of a source note (or any open file, in a trusted
 * workspace) becomes a fact appended to the workspace's own fact file, with its quote, value, parties
 * and cues suggested and the source it cites. The result is an edit for the client to apply (so it can
 * be undone), made only after the fact base loads without errors with it. Nothing is offered or
 * written in Restricted Mode.
 */
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { appendToFactFile, draftFact, findEntry, LineIndex, outlineFactFile } from '../engine';
import type { FactBase } from '../engine/types';
import { ADD_FACT_SERVER_COMMAND, type AddFactResult } from '../lspExt';
import { bundledFactsPath } from '../node/workspace';
import type { FactBaseEntry, FactBaseStore } from './factBase';
import { pathKey, pathToUri, uriToPath } from './uris';

/** The code action kind of "Add fact from selection". */
export const ADD_FACT_KIND = `${CodeActionKind.RefactorExtract}.sourcecheck.addFact`;

/** The title of the command and the code action. */
export const ADD_FACT_TITLE = 'Add fact from selection';


/** The "Add fact from selection" action for a non-empty selection in a trusted workspace; none otherwise. */
export function addFactAction(params: CodeActionParams, trusted: boolean, only: string[] | undefined): CodeAction[] {
  const { start, end } = params.range;
  if (!trusted || (start.line === end.line && start.character === end.character)) return [];
  if (params.textDocument.uri.match(/\.ya?ml$/i)) return [];
  if (only && only.length > 0 && !only.some((o) => ADD_FACT_KIND === o || ADD_FACT_KIND.startsWith(`${o}.`))) return [];
  return [{ title: ADD_FACT_TITLE, kind: ADD_FACT_KIND, command: { title: ADD_FACT_TITLE, command: ADD_FACT_SERVER_COMMAND, arguments: [params.textDocument.uri, params.range] } }];
}

/** What adding a fact reads. */
export interface AddFactDeps {
  factBases: FactBaseStore;
  /** The fact base entry for a file (loaded). */
  entryFor(file: string): FactBaseEntry;
  /** A file's text: the editor's unsaved text first, then the disk. */
  readText(file: string): string | undefined;
}

/** The fact the selection of `document` makes, as an edit to the workspace fact file, or why there is none. */
export function addFactFromSelection(document: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }, deps: AddFactDeps): AddFactResult {
  if (!deps.factBases.trusted) return { error: 'Source Check writes no fact files in Restricted Mode; trust the workspace to add facts.' };
  const file = uriToPath(document.uri);
  if (!file) return { error: 'save the document first: facts quote files on disk' };
  const entry = deps.entryFor(file);
  if (!entry.base) return { error: 'the fact files have errors; fix them before adding a fact' };
  const bundled = pathKey(bundledFactsPath());
  const factFile = entry.factFiles.find((f) => pathKey(f) !== bundled);
  if (!factFile) return { error: 'this workspace has no fact file of its own: list one under `facts:` in .sourcecheck.yaml (or in the sourcecheck.facts setting)' };
  const factText = deps.readText(factFile);
  if (factText === undefined) return { error: `cannot read ${factFile}` };

  let newText: string;
  let drafted;
  try {
    drafted = draftFact({
      documentText: document.getText(),
      selection: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
      base: entry.base,
      document: documentDeclaration(entry.base, file, factFile),
    });
    newText = appendToFactFile(factText, drafted.additions);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  // Validated before anything is written: the whole fact base must load with the new fact.
  const loaded = deps.factBases.loadWith(entry, new Map([[factFile, newText]]));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !loaded.base?.factsById.has(drafted.id)) {
    const first = errors[0];
    const where = first ? `${path.basename(first.file)}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}` : 'the new fact did not load';
    return { error: `the new fact would not be valid (${where}); nothing was written` };
  }
  const factEntry = findEntry(outlineFactFile(newText), 'facts', drafted.id);
  const lines = new LineIndex(factText);
  const whole = lines.rangeOf(0, factText.length);
  const result: AddFactResult = {
    factId: drafted.id,
    factFile: pathToUri(factFile),
    edit: { changes: { [pathToUri(factFile)]: [{ range: whole, newText }] } },
    factRange: factEntry?.range ?? { start: whole.end, end: whole.end },
    parties: [...drafted.frame.parties, ...drafted.frame.alsoAbout],
  };
  if (drafted.valueText !== undefined) result.valueText = drafted.valueText;
  return result;
}

/** The document id under which the fact base knows `file`, or a new declaration for it in `factFile`. */
function documentDeclaration(base: FactBase, file: string, factFile: string): { id: string; declare?: string } {
  const key = pathKey(file);
  for (const doc of base.documents.values()) if (pathKey(doc.path) === key) return { id: doc.id };
  const stem = path.basename(file).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'document';
  let id = stem;
  for (let n = 2; base.documents.has(id); n++) id = `${stem}-${n}`;
  return { id, declare: path.relative(path.dirname(factFile), file).split(path.sep).join('/') };
}

