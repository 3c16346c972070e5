/**
 * Fact bases for open drafts: which `.sourcecheck.yaml` applies, loading its fact files (preferring
 * the unsaved text of files open in the editor), keeping the last good base while a file is broken,
 * and the diagnostics that go into the broken files themselves.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import type { CheckOptions, SourceCheckConfig } from '../engine/api';
import { DEFAULT_TIME_BUDGET_MS } from '../engine/config';
import type { FactBase, FileDiagnostic } from '../engine/types';
import { readTextFileSync, type ReadResult } from '../node/files';
import { CONFIG_FILE, loadWorkspace, type Workspace } from '../node/workspace';
import type { Settings } from './settings';
import { pathKey } from './uris';

/** The fact base and configuration that one group of drafts is checked with. */
export interface FactBaseEntry {
  key: string;
  configPath?: string;
  /** The workspace folder the drafts belong to (settings' relative fact paths resolve against it). */
  folder?: string;
  /** The configuration of the last good load (or of the latest load, before any was good). */
  config: SourceCheckConfig;
  /** The last good fact base; stays while a fact or configuration file is broken. */
  base?: FactBase;
  /** Fact files of the latest load, absolute. */
  factFiles: string[];
  /** Every file the latest load read (configuration, fact files, quoted documents), as path keys. */
  readFiles: Set<string>;
  /** Problems found by the latest load. */
  diagnostics: FileDiagnostic[];
  /** Whether the latest load had errors (so {@link base} is an older one, or missing). */
  broken: boolean;
  /** Bumped on every load whose result differs, so caches of checks know to drop. */
  generation: number;
  dirty: boolean;
  settings: Settings;
}

/** Reads a file, preferring the editor's unsaved text when the file is open. */
export type OverlayReader = (file: string) => string | undefined;

/** Loads and caches fact bases. */
export class FactBaseStore {
  private readonly entries = new Map<string, FactBaseEntry>();
  private readonly configByDir = new Map<string, string | null>();
  private generation = 0;

  /** False when the client says the workspace is not trusted: only the bundled seed facts load. */
  trusted = true;

  constructor(private readonly overlay: OverlayReader) {}

  /**
   * The entry for a draft at `file` (undefined for unsaved buffers) in workspace `folder`, loading it
   * when it is new or stale.
   */
  entryFor(file: string | undefined, folder: string | undefined, settings: Settings): FactBaseEntry {
    const dir = file ? path.dirname(file) : folder;
    const configPath = dir ? this.findConfig(dir) : undefined;
    const key = JSON.stringify([configPath ?? '', folder ?? '', settings.facts, settings.sources, settings.defaultFacts ?? null]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        key,
        config: { facts: [], sources: [], ignore: [], defaultFacts: true, severities: {}, citationStyle: 'auto', timeBudgetMs: DEFAULT_TIME_BUDGET_MS },
        factFiles: [],
        readFiles: new Set(),
        diagnostics: [],
        broken: false,
        generation: 0,
        dirty: true,
        settings,
      };
      if (configPath) entry.configPath = configPath;
      if (folder) entry.folder = folder;
      this.entries.set(key, entry);
    }
    entry.settings = settings;
    if (entry.dirty) this.load(entry);
    return entry;
  }

  /** Every entry loaded so far. */
  all(): FactBaseEntry[] {
    return [...this.entries.values()];
  }

  /** Marks every entry for reloading (settings changed, or a recheck was asked for). */
  invalidateAll(): void {
    this.configByDir.clear();
    for (const entry of this.entries.values()) entry.dirty = true;
  }

  /**
   * Reacts to changed files (on disk or in the editor): a configuration file appearing or vanishing
   * changes which configuration applies; a file an entry read reloads that entry. Returns whether
   * anything was invalidated.
   */
  filesChanged(files: string[]): boolean {
    let changed = false;
    const keys = new Set(files.map(pathKey));
    if (files.some((f) => path.basename(f) === CONFIG_FILE)) {
      this.configByDir.clear();
      // A new configuration can capture drafts that an entry without one served: drop those entries'
      // memo by marking everything dirty; entryFor re-resolves configurations per draft anyway.
      for (const entry of this.entries.values()) entry.dirty = true;
      changed = true;
    }
    for (const entry of this.entries.values()) {
      if ([...entry.readFiles].some((f) => keys.has(f))) {
        entry.dirty = true;
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Reloads every dirty entry now, so that its diagnostics can be published. Entries whose
   * configuration file is gone are dropped (their drafts find their new configuration when checked).
   */
  reloadDirty(): void {
    for (const [key, entry] of [...this.entries]) {
      if (!entry.dirty) continue;
      if (entry.configPath && this.overlay(entry.configPath) === undefined && !existsSync(entry.configPath)) this.entries.delete(key);
      else this.load(entry);
    }
  }

  /** Whether `file` is one that some fact base reads. */
  isFactFile(file: string): boolean {
    const key = pathKey(file);
    return path.basename(file) === CONFIG_FILE || this.all().some((e) => e.readFiles.has(key));
  }

  /** Every file read by any entry (configuration, facts, quoted documents), absolute. */
  watchedFiles(): string[] {
    const files = new Map<string, string>();
    for (const entry of this.entries.values()) {
      if (entry.configPath) files.set(pathKey(entry.configPath), entry.configPath);
      for (const file of entry.factFiles) files.set(pathKey(file), file);
    }
    return [...files.values()].sort();
  }

  /** The problems of every file any entry read, by file; identical problems from two entries count once. */
  fileDiagnostics(): Map<string, FileDiagnostic[]> {
    const byFile = new Map<string, FileDiagnostic[]>();
    const seen = new Set<string>();
    for (const entry of this.entries.values()) {
      for (const d of entry.diagnostics) {
        const id = JSON.stringify([pathKey(d.file), d.range, d.message, d.severity]);
        if (seen.has(id)) continue;
        seen.add(id);
        const list = byFile.get(d.file) ?? [];
        list.push(d);
        byFile.set(d.file, list);
      }
    }
    return byFile;
  }

  /** The check options of an entry: the configuration file's values, overridden by the settings. */
  checkOptions(entry: FactBaseEntry): CheckOptions {
    return {
      severities: { ...entry.config.severities, ...entry.settings.severity },
      citationStyle: entry.settings.citationStyle ?? entry.config.citationStyle,
    };
  }

  /** The time budget of one check: the setting, else the configuration file's. */
  timeBudgetMs(entry: FactBaseEntry): number {
    return entry.settings.timeBudgetMs ?? entry.config.timeBudgetMs;
  }

  private findConfig(dir: string): string | undefined {
    const key = pathKey(dir);
    const cached = this.configByDir.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let current = path.resolve(dir);
    let found: string | undefined;
    for (;;) {
      const candidate = path.join(current, CONFIG_FILE);
      if (this.overlay(candidate) !== undefined || existsSync(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    this.configByDir.set(key, found ?? null);
    return found;
  }

  /**
   * Loads an entry's workspace as it would be with `replaced` files (path -> text) in place of their
   * current text, without changing the entry: what a change to a fact file would make of it.
   */
  loadWith(entry: FactBaseEntry, replaced: ReadonlyMap<string, string>): Workspace {
    const keys = new Map([...replaced].map(([file, text]) => [pathKey(file), text]));
    return this.loadWorkspaceOf(entry, (file) => {
      const text = keys.get(pathKey(file));
      return text !== undefined ? { text } : this.readCurrent(file);
    });
  }

  private readCurrent(file: string): ReadResult {
    const open = this.overlay(file);
    return open !== undefined ? { text: open } : readTextFileSync(file);
  }

  private loadWorkspaceOf(entry: FactBaseEntry, read: (file: string) => ReadResult): Workspace {
    const baseDir = entry.folder ?? (entry.configPath ? path.dirname(entry.configPath) : process.cwd());
    const extraFacts = entry.settings.facts.map((f) => path.resolve(baseDir, f));
    const options: Parameters<typeof loadWorkspace>[1] = { extraFacts, read, trusted: this.trusted, sources: entry.settings.sources, sourcesBaseDir: baseDir };
    if (entry.settings.defaultFacts !== undefined) options.defaultFacts = entry.settings.defaultFacts;
    return loadWorkspace(entry.configPath, options);
  }

  private load(entry: FactBaseEntry): void {
    entry.dirty = false;
    const readFiles = new Set<string>();
    const workspace = this.loadWorkspaceOf(entry, (file) => {
      readFiles.add(pathKey(file));
      return this.readCurrent(file);
    });
    if (entry.configPath) readFiles.add(pathKey(entry.configPath));
    entry.readFiles = readFiles;
    entry.factFiles = workspace.factFiles;
    entry.diagnostics = workspace.diagnostics;
    entry.broken = !workspace.base;
    if (workspace.base) {
      entry.base = workspace.base;
      entry.config = workspace.config;
    } else if (!entry.base) {
      entry.config = workspace.config;
    }
    entry.generation = ++this.generation;
  }
}
