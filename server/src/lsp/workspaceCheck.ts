/**
 * "Check all drafts in workspace": every draft under the workspace folders (those the CLI would check
 * given each folder, see `../node/drafts`), each with the configuration that applies to it. Open
 * drafts use their unsaved text; the others are read from disk and their diagnostics are pushed (a
 * pulling client only pulls open documents). Every draft checked goes into the workspace index,
 * which "Find all references" refreshes the same way.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import type { CheckWorkspaceResult } from '../lspExt';
import { markdownUnder } from '../node/drafts';
import { readTextFile } from '../node/files';
import { cancelled } from './context';
import { notCheckedDiagnostic } from './diagnostics';
import { tooLargeReason } from './documents';
import type { CheckEntry, CheckService } from './checks';
import type { FactBaseStore } from './factBase';
import type { SettingsStore } from './settingsStore';
import { pathToUri } from './uris';
import type { WorkspaceIndex } from './workspaceIndex';

/** More drafts than this are not checked in one run. */
export const MAX_WORKSPACE_FILES = 10000;

/** What a workspace check needs. */
export interface WorkspaceCheckDeps {
  settings: SettingsStore;
  factBases: FactBaseStore;
  checks: CheckService;
  /** Where the statements of every draft checked are kept, for "Find all references". */
  index: WorkspaceIndex;
  isOpen(uri: string): boolean;
  /** The open drafts' URIs (the index keeps them even outside the workspace folders). */
  openUris(): string[];
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(done: number, total: number): void;
}

/**
 * The drafts under `folders` (absolute), sorted: the Markdown files `sourcecheck` finds under a
 * directory, so without hidden entries, `node_modules`, what `.gitignore` files ignore and what an
 * `ignore:` list in `.sourcecheck.yaml` names.
 */
export async function findDrafts(folders: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const folder of folders) files.push(...(await markdownUnder(path.resolve(folder))));
  return [...new Set(files)].sort();
}

/** Checks every draft of the workspace, publishes the findings and fills the index; resolves to the counts. */
export async function checkWorkspace(deps: WorkspaceCheckDeps, token: CancellationToken): Promise<CheckWorkspaceResult> {
  return walkDrafts(deps, token, true);
}

/**
 * Brings the workspace index up to date: drafts that are new, changed on disk, or whose fact base
 * changed are checked again; the others keep their statements. Nothing is published.
 */
export async function refreshIndex(deps: WorkspaceCheckDeps, token: CancellationToken): Promise<CheckWorkspaceResult> {
  return walkDrafts(deps, token, false);
}

async function walkDrafts(deps: WorkspaceCheckDeps, token: CancellationToken, publish: boolean): Promise<CheckWorkspaceResult> {
  const all = await findDrafts(deps.settings.folderPaths());
  const files = all.slice(0, MAX_WORKSPACE_FILES);
  const result: CheckWorkspaceResult = { files: 0, findings: 0, skipped: [] };
  for (const file of all.slice(MAX_WORKSPACE_FILES)) result.skipped.push({ uri: pathToUri(file), reason: `more than ${MAX_WORKSPACE_FILES} drafts` });
  deps.index.retain(new Set([...files.map(pathToUri), ...deps.openUris()]));
  if (publish) deps.progress(0, files.length);
  for (let i = 0; i < files.length; i++) {
    if (token.isCancellationRequested) throw cancelled();
    const file = files[i] as string;
    const uri = pathToUri(file);
    try {
      if (deps.isOpen(uri)) {
        const entry = await deps.checks.current(uri, token);
        result.files++;
        result.findings += entry?.result?.findings.length ?? 0;
        if (entry) recordEntry(deps.index, entry);
      } else {
        const diagnostics = await checkFile(deps, file, result, uri, publish);
        if (diagnostics) {
          result.files++;
          result.findings += diagnostics.filter((d) => d.code !== 'not-checked').length;
          if (publish) deps.publish(uri, diagnostics);
        }
      }
    } catch (error) {
      result.skipped.push({ uri, reason: error instanceof Error ? error.message : String(error) });
    }
    if (publish) deps.progress(i + 1, files.length);
    // Let edits and other requests through between files.
    if (publish || i % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

/** Records an open draft's latest check in the index. */
export function recordEntry(index: WorkspaceIndex, entry: CheckEntry): void {
  index.record(entry.uri, `open:${entry.version}:${entry.epoch}`, entry.result?.statements ?? []);
}

/**
 * Checks a draft on disk; undefined when it could not be read or checked. Without `publish`, a draft
 * whose file and fact base are as when it was indexed is not read again (and answers no diagnostics).
 */
async function checkFile(deps: WorkspaceCheckDeps, file: string, result: CheckWorkspaceResult, uri: string, publish: boolean): Promise<Diagnostic[] | undefined> {
  const settings = deps.settings.for(file);
  if (!settings.enable) {
    deps.index.forget(uri);
    return [];
  }
  const entry = deps.factBases.entryFor(file, deps.settings.folderOf(file), settings);
  const stat = await fileStamp(file);
  const stamp = `${stat}|${entry.key}@${entry.generation}`;
  if (!publish && stat !== undefined && deps.index.stampOf(uri) === stamp) return [];
  const read = await readTextFile(file);
  if ('error' in read) {
    deps.index.forget(uri);
    result.skipped.push({ uri, reason: `${file} ${read.error}` });
    return undefined;
  }
  const tooLarge = tooLargeReason(read.text);
  if (tooLarge) {
    deps.index.forget(uri);
    return [notCheckedDiagnostic(tooLarge)];
  }
  if (!entry.base) {
    result.skipped.push({ uri, reason: 'the fact base has errors' });
    return undefined;
  }
  const checked = await deps.checks.checkClosed(uri, read.text, entry);
  if (!checked.result) {
    deps.index.forget(uri);
    return checked.diagnostics;
  }
  if (!deps.index.record(uri, stamp, checked.result.statements)) result.skipped.push({ uri, reason: 'the workspace index is full' });
  return checked.diagnostics;
}

/** A file's modification time and size, which change when it is written; undefined when it cannot be read. */
async function fileStamp(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}
