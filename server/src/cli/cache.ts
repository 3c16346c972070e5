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
import type { Finding, Range } from '../engine/types';

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

interface CacheFile {
  format: typeof FORMAT;
  version: string;
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
  private readonly entries: Map<string, Entry>;
  private changed: boolean;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    entries: Map<string, Entry>,
    changed: boolean,
  ) {
    this.entries = entries;
    this.changed = changed;
  }

  /** Reads the cache file; a missing, unreadable, corrupt or other-version file gives an empty cache that will be rewritten. */
  static load(file: string, version: string): FindingsCache {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return new FindingsCache(file, version, new Map(), true);
    }
    const entries = parseCacheFile(text, version);
    return entries ? new FindingsCache(file, version, entries, false) : new FindingsCache(file, version, new Map(), true);
  }

  /** The findings kept for `draft` under `key`, or undefined when there are none for that key. */
  get(draft: string, key: string): Finding[] | undefined {
    const entry = this.entries.get(draft);
    return entry && entry.key === key ? entry.findings : undefined;
  }

  /** Keeps the findings of `draft` under `key` (only what the reports print). */
  set(draft: string, key: string, findings: readonly Finding[]): void {
    this.entries.set(draft, { key, findings: findings.map(reported) });
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
    const content: CacheFile = { format: FORMAT, version: this.version, entries: Object.fromEntries(this.entries) };
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

/** The part of a finding the text, JSON and SARIF reports print: all a cached finding needs. */
function reported(f: Finding): Finding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    ...(f.factId !== undefined ? { factId: f.factId } : {}),
    ...(f.found !== undefined ? { found: f.found } : {}),
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    sources: f.sources,
    fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
  };
}

/** The entries of a cache file written by this version, or undefined when anything about it is off. */
function parseCacheFile(text: string, version: string): Map<string, Entry> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data) || data.format !== FORMAT || data.version !== version || !isObject(data.entries)) return undefined;
  const entries = new Map<string, Entry>();
  for (const [draft, entry] of Object.entries(data.entries)) {
    if (!isObject(entry) || typeof entry.key !== 'string' || !Array.isArray(entry.findings) || !entry.findings.every(isFinding)) return undefined;
    entries.set(draft, { key: entry.key, findings: entry.findings });
  }
  return entries;
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
