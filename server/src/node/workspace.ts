/**
 * The workspace as the CLI and the language server see it: the `.sourcecheck.yaml` found upward
 * from a draft, the fact files it names, and the bundled seed facts.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { loadFactBase } from '../engine/factbase/load';
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
}

/** Options that the CLI or the editor settings add to the configuration file. */
export interface WorkspaceOptions {
  /** False in an untrusted workspace: fact files named by the workspace are ignored, only the bundled seed applies. */
  trusted?: boolean;
  extraFacts?: string[];
  defaultFacts?: boolean;
  /**
   * Reads the configuration, the fact files and the documents they quote; defaults to the disk.
   * The language server passes a reader that prefers the unsaved text of files open in the editor.
   */
  read?: (file: string) => ReadResult;
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
  if (options.trusted === false) {
    // An untrusted workspace does not choose the facts: only the bundled seed applies.
    factFiles.push(bundledFactsPath());
  } else {
    if (options.defaultFacts ?? config.defaultFacts) factFiles.push(bundledFactsPath());
    const configDir = configPath ? path.dirname(configPath) : process.cwd();
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
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const workspace: Workspace = { config, diagnostics, factFiles: [...new Set(factFiles)] };
  if (configPath) workspace.configPath = configPath;
  if (!hasErrors && loaded.base) workspace.base = loaded.base;
  return workspace;
}

function fileError(file: string, message: string, at = { line: 0, character: 0 }): FileDiagnostic {
  return { file, range: { start: at, end: at }, severity: 'error', message };
}
