/**
 * "Check all drafts in workspace": every Markdown file under the workspace folders, each with the
 * configuration that applies to it. Open drafts use their unsaved text; the others are read from disk
 * and their diagnostics are pushed (a pulling client only pulls open documents).
 */
import { glob } from 'tinyglobby';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import type { CheckWorkspaceResult } from '../lspExt';
import { checkDocument } from '../engine/check';
import { readTextFile } from '../node/files';
import { cancelled } from './context';
import { findingToDiagnostic, notCheckedDiagnostic } from './diagnostics';
import { tooLargeReason } from './documents';
import type { CheckService } from './checks';
import type { FactBaseStore } from './factBase';
import type { SettingsStore } from './settingsStore';
import { pathToUri } from './uris';

/** More drafts than this are not checked in one run. */
export const MAX_WORKSPACE_FILES = 10000;

/** What a workspace check needs. */
export interface WorkspaceCheckDeps {
  settings: SettingsStore;
  factBases: FactBaseStore;
  checks: CheckService;
  isOpen(uri: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(done: number, total: number): void;
}

/** The Markdown files under `folders`, sorted, without `node_modules` and `.git`. */
export async function findDrafts(folders: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const folder of folders) {
    const found = await glob(['**/*.md', '**/*.markdown'], {
      cwd: folder,
      absolute: true,
      onlyFiles: true,
      dot: false,
      ignore: ['**/node_modules/**', '**/.git/**'],
      expandDirectories: false,
    });
    files.push(...found);
  }
  return [...new Set(files)].sort();
}

/** Checks every draft of the workspace; resolves to the counts. */
export async function checkWorkspace(deps: WorkspaceCheckDeps, token: CancellationToken): Promise<CheckWorkspaceResult> {
  const all = await findDrafts(deps.settings.folderPaths());
  const files = all.slice(0, MAX_WORKSPACE_FILES);
  const result: CheckWorkspaceResult = { files: 0, findings: 0, skipped: [] };
  for (const file of all.slice(MAX_WORKSPACE_FILES)) result.skipped.push({ uri: pathToUri(file), reason: `more than ${MAX_WORKSPACE_FILES} drafts` });
  deps.progress(0, files.length);
  for (let i = 0; i < files.length; i++) {
    if (token.isCancellationRequested) throw cancelled();
    const file = files[i] as string;
    const uri = pathToUri(file);
    try {
      if (deps.isOpen(uri)) {
        const entry = await deps.checks.current(uri, token);
        result.files++;
        result.findings += entry?.result?.findings.length ?? 0;
      } else {
        const diagnostics = await checkFile(deps, file, result, uri);
        if (diagnostics) {
          result.files++;
          result.findings += diagnostics.filter((d) => d.code !== 'not-checked').length;
          deps.publish(uri, diagnostics);
        }
      }
    } catch (error) {
      result.skipped.push({ uri, reason: error instanceof Error ? error.message : String(error) });
    }
    deps.progress(i + 1, files.length);
    // Let edits and other requests through between files.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

async function checkFile(deps: WorkspaceCheckDeps, file: string, result: CheckWorkspaceResult, uri: string): Promise<Diagnostic[] | undefined> {
  const settings = deps.settings.for(file);
  if (!settings.enable) return [];
  const read = await readTextFile(file);
  if ('error' in read) {
    result.skipped.push({ uri, reason: `${file} ${read.error}` });
    return undefined;
  }
  const tooLarge = tooLargeReason(read.text);
  if (tooLarge) return [notCheckedDiagnostic(tooLarge)];
  const entry = deps.factBases.entryFor(file, deps.settings.folderOf(file), settings);
  if (!entry.base) {
    result.skipped.push({ uri, reason: 'the fact base has errors' });
    return undefined;
  }
  return checkDocument(read.text, entry.base, deps.factBases.checkOptions(entry)).findings.map(findingToDiagnostic);
}
