/**
 * `--cache`: the findings of each draft, kept between runs (eslint's convention). An entry is used
 * only when its key matches: a hash of the draft's text, of every file the fact base was built from
 * (configuration, fact files, the documents they quote, source notes), of the settings and of the
 * tool's version. Entries are kept by draft path, so the file grows with the drafts, not with their
 * edits. A cache file that cannot be read, does not parse or has the wrong shape is ignored as a
 * whole and rewritten; it is never partly trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FINDING_CODES } from '../engine/config';
import type { FileDiagnostic, Finding, Range } from '../engine/types';
import { reportedFinding } from './report';

/** The cache file's name inside a cache directory. */
export const CACHE_FILE = 'findings.json';
/** Where the cache lives without `--cache-location`, relative to the current directory. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'sourcecheck');

const FORMAT = 'sourcecheck-findings-cache';
const SEVERITIES = ['error', 'warning', 'information', 'hint'];

interface Entry {
  key: string;
  findings: Finding[];
}

/**
 * What a workspace's key was computed from, so a later run can tell it is unchanged without
 * building the fact base again: the hash of every file read (in order), every source-note glob
 * with its matches, and the diagnostics the load printed.
 */
export interface WorkspaceManifest {
  key: string;
  files: Array<[file: string, hash: string]>;
  globs: Array<[pattern: string, baseDir: string, matches: string[]]>;
  diagnostics: FileDiagnostic[];
}

interface CacheFile {
  format: typeof FORMAT;
  version: string;
  workspaces: Record<string, WorkspaceManifest>;
  entries: Record<string, Entry>;
}

/**
 * The cache file for `--cache-location` (or the default): a path ending in a separator or naming an
 * existing directory holds {@link CACHE_FILE}; any other path is the file itself.
 */
export function cacheFilePath(location: string | undefined, cwd: string = process.cwd()): string {
  if (location === undefined) return path.resolve(cwd, DEFAULT_CACHE_DIR, CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  if (/[\\/]$/.test(location)) return path.join(resolved, CACHE_FILE);
  try {
    if (statSync(resolved).isDirectory()) return path.join(resolved, CACHE_FILE);
  } catch {
    // Not there yet: a file path.
  }
  return resolved;
}

/** A hash of the given parts, each length-prefixed so that no two lists of parts collide. */
export function hashOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(`${part.length}:`);
    hash.update(part);
  }
  return hash.digest('base64url');
}

/** The findings of drafts from earlier runs, by absolute path, each valid for one key. */
export class FindingsCache {
  private changed: boolean;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    private readonly entries: Map<string, Entry>,
    private readonly workspaces: Map<string, WorkspaceManifest>,
    changed: boolean,
  ) {
    this.changed = changed;
  }

  /** Reads the cache file; a missing, unreadable, corrupt or other-version file gives an empty cache that will be rewritten. */
  static load(file: string, version: string): FindingsCache {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return new FindingsCache(file, version, new Map(), new Map(), true);
    }
    const parsed = parseCacheFile(text, version);
    return parsed ? new FindingsCache(file, version, parsed.entries, parsed.workspaces, false) : new FindingsCache(file, version, new Map(), new Map(), true);
  }

  /** The manifest of the workspace `id` from the last run that loaded it. */
  workspace(id: string): WorkspaceManifest | undefined {
    return this.workspaces.get(id);
  }

  /** Keeps what the workspace `id`'s key was computed from. */
  setWorkspace(id: string, manifest: WorkspaceManifest): void {
    if (JSON.stringify(this.workspaces.get(id)) === JSON.stringify(manifest)) return;
    this.workspaces.set(id, manifest);
    this.changed = true;
  }

  /** The findings kept for `draft` under `key`, or undefined when there are none for that key. */
  get(draft: string, key: string): Finding[] | undefined {
    const entry = this.entries.get(draft);
    return entry && entry.key === key ? entry.findings : undefined;
  }

  /** Keeps the findings of `draft` under `key` (only what the reports print). */
  set(draft: string, key: string, findings: readonly Finding[]): void {
    this.entries.set(draft, { key, findings: findings.map(reportedFinding) });
    this.changed = true;
  }

  /** Writes the cache when it changed, dropping the entries of drafts that no longer exist; atomically, so a crash leaves the old file. */
  async save(): Promise<void> {
    for (const draft of this.entries.keys()) {
      if (!existsSync(draft)) {
        this.entries.delete(draft);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const content: CacheFile = { format: FORMAT, version: this.version, workspaces: Object.fromEntries(this.workspaces), entries: Object.fromEntries(this.entries) };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(content));
      await fs.rename(temp, this.file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    this.changed = false;
  }
}


/** The entries and manifests of a cache file written by this version, or undefined when anything about it is off. */
function parseCacheFile(text: string, version: string): { entries: Map<string, Entry>; workspaces: Map<string, WorkspaceManifest> } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data) || data.format !== FORMAT || data.version !== version || !isObject(data.entries) || !isObject(data.workspaces)) return undefined;
  const entries = new Map<string, Entry>();
  for (const [draft, entry] of Object.entries(data.entries)) {
    if (!isObject(entry) || typeof entry.key !== 'string' || !Array.isArray(entry.findings) || !entry.findings.every(isFinding)) return undefined;
    entries.set(draft, { key: entry.key, findings: entry.findings });
  }
  const workspaces = new Map<string, WorkspaceManifest>();
  for (const [id, manifest] of Object.entries(data.workspaces)) {
    if (!isManifest(manifest)) return undefined;
    workspaces.set(id, manifest);
  }
  return { entries, workspaces };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isManifest(value: unknown): value is WorkspaceManifest {
  return (
    isObject(value) &&
    typeof value.key === 'string' &&
    Array.isArray(value.files) &&
    value.files.every((f) => isStringArray(f) && f.length === 2) &&
    Array.isArray(value.globs) &&
    value.globs.every((g) => Array.isArray(g) && g.length === 3 && typeof g[0] === 'string' && typeof g[1] === 'string' && isStringArray(g[2])) &&
    Array.isArray(value.diagnostics) &&
    value.diagnostics.every(
      (d) => isObject(d) && typeof d.file === 'string' && isRange(d.range) && (d.severity === 'error' || d.severity === 'warning') && typeof d.message === 'string',
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isFinding(value: unknown): value is Finding {
  if (!isObject(value)) return false;
  return (
    FINDING_CODES.includes(value.code as Finding['code']) &&
    SEVERITIES.includes(value.severity as string) &&
    typeof value.message === 'string' &&
    isRange(value.range) &&
    isOptionalString(value.factId) &&
    isOptionalString(value.found) &&
    isOptionalString(value.expected) &&
    Array.isArray(value.sources) &&
    value.sources.every((s) => typeof s === 'string') &&
    Array.isArray(value.fixes) &&
    value.fixes.every(
      (fix) =>
        isObject(fix) &&
        typeof fix.title === 'string' &&
        Array.isArray(fix.edits) &&
        fix.edits.every((edit) => isObject(edit) && isRange(edit.range) && typeof edit.newText === 'string'),
    )
  );
}
