/**
 * The workspace as the CLI and the language server see it: the `.sourcecheck.yaml` found upward
 * from a draft, the fact files and source notes it names, and the bundled seed facts.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { loadFactBase } from '../engine/factbase/load';
import { extractSourceFacts, withSourceFacts, type DroppedFact, type SourceExtraction, type SourceNoteInput } from '../engine/sources';
import { DEFAULT_CONFIG, parseConfig } from '../engine/config';
import { parseValueText } from '../engine/values';
import type { FactBase, FileDiagnostic, Range } from '../engine/types';
import type { FactFileInput, FactHost, SourceCheckConfig } from '../engine/api';
import { readTextFileSync, type ReadResult } from './files';

/** The name of the workspace configuration file. */
export const CONFIG_FILE = '.sourcecheck.yaml';

/** The bundled seed fact file, found beside the bundle (`dist/`) or the sources (`server/src/node/`). */
export function bundledFactsPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'seeds', 'facts.yaml');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(__dirname, '..', 'seeds', 'facts.yaml');
}

/** The nearest `.sourcecheck.yaml` at or above `dir`, if any. */
export function findConfig(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** What the checks of one group of drafts use. */
export interface Workspace {
  configPath?: string;
  config: SourceCheckConfig;
  base?: FactBase;
  /** Problems in the configuration or the fact files; errors make the base unusable. */
  diagnostics: FileDiagnostic[];
  /** The fact files that were loaded, absolute. */
  factFiles: string[];
  /** The source notes facts were extracted from, absolute (watch these to reload). */
  sourceFiles: string[];
  /** What was read from the source notes, when there were any and the fact files loaded. */
  extraction?: SourceExtraction;
  /** Extracted facts left out because a curated fact speaks to the same thing. */
  droppedSourceFacts: DroppedFact[];
}

/** Options that the CLI or the editor settings add to the configuration file. */
export interface WorkspaceOptions {
  /** False in an untrusted workspace: fact files named by the workspace are ignored, only the bundled seed applies. */
  trusted?: boolean;
  extraFacts?: string[];
  defaultFacts?: boolean;
  /**
   * Source-note paths or globs besides the configuration's `sources:` (the CLI's `--sources`, the
   * `sourcecheck.sources` setting), relative to {@link sourcesBaseDir}. A pattern that matches no file
   * is an error here, since someone asked for it; in the configuration file it is a warning.
   */
  sources?: string[];
  /** The directory {@link sources} are relative to; the current directory by default. */
  sourcesBaseDir?: string;
  /**
   * Reads the configuration, the fact files, the documents they quote and the source notes; defaults
   * to the disk.
   * The language server passes a reader that prefers the unsaved text of files open in the editor.
   */
  read?: (file: string) => ReadResult;
  /**
   * Told each source-note glob that was expanded, with its matches (what {@link sourceNotesMatching}
   * gives), so a cache can tell later whether the same notes would be read.
   */
  onGlob?: (pattern: string, baseDir: string, matches: string[]) => void;
}

/** A host that reads quoted documents with `read`, relative to the fact file that names them. */
export function factHost(read: (file: string) => ReadResult): FactHost {
  return {
    readDocument(fromPath, reference) {
      const file = path.resolve(path.dirname(fromPath), reference);
      const got = read(file);
      return 'error' in got ? { error: `${reference} ${got.error}` } : { path: file, text: got.text };
    },
  };
}

/** A host that reads quoted documents from disk, relative to the fact file that names them. */
export const diskFactHost: FactHost = factHost(readTextFileSync);

/** Loads the configuration at `configPath` (or defaults) and the fact base it describes. */
export function loadWorkspace(configPath: string | undefined, options: WorkspaceOptions = {}): Workspace {
  const diagnostics: FileDiagnostic[] = [];
  const readFile = options.read ?? readTextFileSync;
  let config: SourceCheckConfig = { ...DEFAULT_CONFIG };
  // Where the configuration names each of its fact files, so a file that cannot be read is reported there.
  const namedAt = new Map<string, { range: Range; written: string }>();
  if (configPath) {
    const read = readFile(configPath);
    if ('error' in read) {
      diagnostics.push(fileError(configPath, `${CONFIG_FILE} ${read.error}`, read.at));
    } else {
      const parsed = parseConfig(configPath, read.text);
      config = parsed.config;
      diagnostics.push(...parsed.diagnostics);
      config.facts.forEach((file, i) => {
        const range = parsed.factRanges[i];
        if (range) namedAt.set(path.resolve(path.dirname(configPath), file), { range, written: file });
      });
    }
  }
  const factFiles: string[] = [];
  const configDir = configPath ? path.dirname(configPath) : process.cwd();
  if (options.trusted === false) {
    // An untrusted workspace does not choose the facts: only the bundled seed applies.
    factFiles.push(bundledFactsPath());
  } else {
    if (options.defaultFacts ?? config.defaultFacts) factFiles.push(bundledFactsPath());
    for (const file of config.facts) factFiles.push(path.resolve(configDir, file));
    for (const file of options.extraFacts ?? []) factFiles.push(path.resolve(file));
  }

  const inputs: FactFileInput[] = [];
  for (const file of [...new Set(factFiles)]) {
    const read = readFile(file);
    if (!('error' in read)) {
      inputs.push({ path: file, text: read.text });
      continue;
    }
    const named = namedAt.get(file);
    // A file that is there but not text is reported in itself; one that cannot be opened, where it is named.
    if (named && configPath && read.at === undefined) {
      diagnostics.push({ file: configPath, range: named.range, severity: 'error', message: `cannot read fact file ${named.written}: ${read.error}` });
    } else {
      diagnostics.push(fileError(file, `fact file ${read.error}`, read.at));
    }
  }
  const loaded = loadFactBase(inputs, options.read ? factHost(options.read) : diskFactHost, { parseValue: parseValueText });
  diagnostics.push(...loaded.diagnostics);

  // Like fact files, source notes are the workspace's choice: an untrusted workspace gets none.
  const sourceFiles =
    options.trusted === false
      ? []
      : [
          ...expandSources(config.sources, configDir, configPath ?? configDir, 'warning', diagnostics, options.onGlob),
          ...expandSources(options.sources ?? [], path.resolve(options.sourcesBaseDir ?? process.cwd()), undefined, 'error', diagnostics, options.onGlob),
        ];
  const notes: SourceNoteInput[] = [];
  for (const file of [...new Set(sourceFiles)]) {
    const read = readFile(file);
    if ('error' in read) diagnostics.push(fileError(file, `source note ${read.error}`, read.at));
    else notes.push({ path: file, text: read.text });
  }

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const workspace: Workspace = { config, diagnostics, factFiles: [...new Set(factFiles)], sourceFiles: notes.map((n) => n.path), droppedSourceFacts: [] };
  if (configPath) workspace.configPath = configPath;
  if (!hasErrors && loaded.base) {
    workspace.base = loaded.base;
    if (notes.length > 0) {
      const extraction = extractSourceFacts(notes, loaded.base);
      const merged = withSourceFacts(loaded.base, extraction);
      workspace.base = merged.base;
      workspace.extraction = extraction;
      workspace.droppedSourceFacts = merged.dropped;
    }
  }
  return workspace;
}

/**
 * Absolute files for source-note patterns relative to `baseDir`. A plain path passes through (so a
 * missing one is reported when read); a glob that matches nothing gets a diagnostic of `severity`,
 * on `reportOn` (the configuration file) or on the pattern itself.
 */
function expandSources(
  patterns: string[],
  baseDir: string,
  reportOn: string | undefined,
  severity: 'error' | 'warning',
  diagnostics: FileDiagnostic[],
  onGlob: WorkspaceOptions['onGlob'],
): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[\]{}]/.test(pattern)) {
      files.push(path.resolve(baseDir, pattern));
      continue;
    }
    const matches = sourceNotesMatching(pattern, baseDir);
    onGlob?.(pattern, baseDir, matches);
    if (matches.length === 0) {
      diagnostics.push({ ...fileError(reportOn ?? pattern, `sources: "${pattern}" matches no files`), severity });
      continue;
    }
    files.push(...matches);
  }
  return files;
}

/** The files a source-note glob matches under `baseDir`: absolute, sorted, outside `node_modules`. */
export function sourceNotesMatching(pattern: string, baseDir: string): string[] {
  const matches = globSync(pattern, { cwd: baseDir, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false });
  return matches.map((m) => path.resolve(m)).sort();
}

function fileError(file: string, message: string, at = { line: 0, character: 0 }): FileDiagnostic {
  return { file, range: { start: at, end: at }, severity: 'error', message };
}
