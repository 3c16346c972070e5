/**
 * The workspaces of a run. Without the cache each is loaded when its first draft is read. With it,
 * a workspace whose files (configuration, fact files, the documents they quote, source notes and
 * what the source globs match) are as the last run read them is not built again: its cache key and
 * diagnostics come from the cache, and it is loaded only if one of its drafts must be checked.
 */
import type { FileDiagnostic } from '../engine/types';
import { readTextFileSync } from '../node/files';
import { checkOptionsOf } from '../node/parallel';
import { loadWorkspace, sourceNotesMatching, type Workspace, type WorkspaceOptions } from '../node/workspace';
import { hashOf, type FindingsCache, type WorkspaceManifest } from './cache';

/** A workspace as a run needs it: what to print and the cache key now, the fact base when a draft is checked. */
export interface RunWorkspace {
  configPath: string | undefined;
  /** Problems in the configuration or fact files, to print once. */
  diagnostics: FileDiagnostic[];
  /** True when the fact base has errors: nothing can be checked against it. */
  broken: boolean;
  /** A hash of everything the workspace's findings depend on besides the draft ('' without the cache). */
  cacheKey: string;
  /** The loaded workspace. */
  load(): Workspace;
}

/** Loads each workspace of a run once, through the cache when there is one. */
export class RunWorkspaces {
  private readonly loaded = new Map<string, RunWorkspace>();
  /** What, besides the files, the workspaces depend on: the CLI's options and the directory they are relative to. */
  private readonly settings: string;

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly version: string,
    private readonly cache?: FindingsCache,
  ) {
    this.settings = JSON.stringify([process.cwd(), options.extraFacts ?? [], options.sources ?? [], options.defaultFacts ?? null]);
  }

  /** The workspace of the configuration file `configPath` (or of none). */
  of(configPath: string | undefined): RunWorkspace {
    const id = `${configPath ?? ''}\n${this.settings}`;
    let found = this.loaded.get(id);
    if (!found) {
      found = this.fromCache(id, configPath) ?? this.load(id, configPath);
      this.loaded.set(id, found);
    }
    return found;
  }

  private fromCache(id: string, configPath: string | undefined): RunWorkspace | undefined {
    const manifest = this.cache?.workspace(id);
    if (!manifest || !unchanged(manifest)) return undefined;
    let workspace: Workspace | undefined;
    return {
      configPath,
      diagnostics: manifest.diagnostics,
      broken: false,
      cacheKey: manifest.key,
      load: () => (workspace ??= loadWorkspace(configPath, this.options)),
    };
  }

  private load(id: string, configPath: string | undefined): RunWorkspace {
    if (!this.cache) {
      const workspace = loadWorkspace(configPath, this.options);
      return { configPath, diagnostics: workspace.diagnostics, broken: !workspace.base, cacheKey: '', load: () => workspace };
    }
    // Everything the fact base is built from is read through here, so its content is in the key.
    const files: WorkspaceManifest['files'] = [];
    const globs: WorkspaceManifest['globs'] = [];
    const workspace = loadWorkspace(configPath, {
      ...this.options,
      read: (file) => {
        const got = readTextFileSync(file);
        files.push([file, contentHash(got)]);
        return got;
      },
      onGlob: (pattern, baseDir, matches) => globs.push([pattern, baseDir, matches]),
    });
    const key = hashOf([this.version, this.settings, JSON.stringify(checkOptionsOf(workspace)), ...files.flat()]);
    if (workspace.base) this.cache.setWorkspace(id, { key, files, globs, diagnostics: workspace.diagnostics });
    return { configPath, diagnostics: workspace.diagnostics, broken: !workspace.base, cacheKey: key, load: () => workspace };
  }
}

function contentHash(read: ReturnType<typeof readTextFileSync>): string {
  return hashOf(['error' in read ? `error: ${read.error}` : read.text]);
}

/** Whether every file of the manifest reads as it did, and every glob matches the same files. */
function unchanged(manifest: WorkspaceManifest): boolean {
  return (
    manifest.files.every(([file, hash]) => contentHash(readTextFileSync(file)) === hash) &&
    manifest.globs.every(([pattern, baseDir, matches]) => JSON.stringify(sourceNotesMatching(pattern, baseDir)) === JSON.stringify(matches))
  );
}
