/**
 * The Markdown drafts under a directory: `.md` and `.markdown` files, skipping hidden entries and
 * `node_modules`, files the `.gitignore` files of the repository ignore, and those an `ignore:` list
 * in a `.sourcecheck.yaml` names. The one listing of drafts: `sourcecheck drafts/` checks these, and
 * the editor's "Check all drafts in workspace" checks these under each workspace folder.
 */
import { existsSync, promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parseConfig } from '../engine/config';
import { CONFIG_FILE, findConfig } from './workspace';

/** One directory's ignore rules (its `.gitignore` and its configuration's `ignore:`), relative to it. */
interface Rules {
  dir: string;
  rules: Ignore;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * The Markdown files under `dir`, sorted, each as `dir` joined with its path below it (so a relative
 * `dir` gives relative paths). Rules of `.gitignore` files and configuration files apply below the
 * directory that holds them, a deeper one overriding a shallower one, as in git; the `.gitignore`
 * files above `dir` up to the repository's root apply too.
 */
export async function markdownUnder(dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  const inherited: Rules[] = [];
  for (const ancestor of ancestorsOf(root)) {
    const rules = await rulesOf(ancestor);
    if (rules) inherited.push(rules);
  }
  const found: string[] = [];
  await walk(root, dir, inherited, found);
  return found;
}

/**
 * The directories above `dir` whose rules reach it, outermost first: those up to the repository's
 * root (the directory with `.git`), and the one of the nearest configuration file.
 */
function ancestorsOf(dir: string): string[] {
  const up: string[] = [];
  let inRepository = existsSync(path.join(dir, '.git'));
  for (let current = dir; !inRepository; ) {
    const parent = path.dirname(current);
    if (parent === current) break;
    up.push(parent);
    inRepository = existsSync(path.join(parent, '.git'));
    current = parent;
  }
  // Outside a repository no .gitignore above `dir` applies.
  const chain = inRepository ? up : [];
  const config = findConfig(dir);
  const configDir = config === undefined ? undefined : path.dirname(config);
  if (configDir !== undefined && configDir !== dir && !chain.includes(configDir)) chain.push(configDir);
  return chain.sort((a, b) => a.length - b.length);
}

/** The rules `dir` itself adds, if any. */
async function rulesOf(dir: string): Promise<Rules | undefined> {
  const gitignore = await readIfFile(path.join(dir, '.gitignore'));
  const configPath = path.join(dir, CONFIG_FILE);
  const config = await readIfFile(configPath);
  if (gitignore === undefined && config === undefined) return undefined;
  const rules = ignore();
  if (gitignore !== undefined) rules.add(gitignore);
  // A configuration with errors is reported when a draft is checked against it; here its valid keys apply.
  if (config !== undefined) rules.add(parseConfig(configPath, config).config.ignore);
  return { dir, rules };
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return (await fs.stat(file)).isFile() ? await fs.readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the rules, outermost first, ignore `file` (absolute); the last rule that decides wins. */
function ignored(rules: Rules[], file: string, isDir: boolean): boolean {
  let result = false;
  for (const { dir, rules: ig } of rules) {
    const relative = path.relative(dir, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const tested = ig.test(relative.split(path.sep).join('/') + (isDir ? '/' : ''));
    if (tested.ignored) result = true;
    else if (tested.unignored) result = false;
  }
  return result;
}

async function walk(absolute: string, shown: string, inherited: Rules[], found: string[]): Promise<void> {
  const own = await rulesOf(absolute);
  const rules = own ? [...inherited, own] : inherited;
  let entries: Dirent[];
  try {
    entries = await fs.readdir(absolute, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = path.join(absolute, entry.name);
    const childShown = path.join(shown, entry.name);
    // Linked directories are not followed: a link can loop, and the files it leads to are elsewhere.
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        isFile = (await fs.stat(child)).isFile();
      } catch {
        isFile = false;
      }
    }
    if (entry.isDirectory()) {
      if (!ignored(rules, child, true)) await walk(child, childShown, rules, found);
    } else if (isFile && MARKDOWN.test(entry.name) && !ignored(rules, child, false)) {
      found.push(childShown);
    }
  }
}
