import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Alias, Document, ParsedNode, Scalar, YAMLError } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { FileDiagnostic, Range } from '../types';

/** Files above this many UTF-8 bytes are refused before parsing. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The limit handed to yaml's alias-expansion guard. A legitimate file may reuse an anchored list (a
 * common `sources` list, say) once per fact, so this is well above yaml's default of 100; an
 * exponential "billion laughs" document exceeds it after a few levels.
 */
export const MAX_ALIAS_COUNT = 1000;

/** A node of a parsed YAML document with aliases already resolved to their anchored node. */
export type YamlNode = Exclude<ParsedNode, Alias.Parsed>;

/** A YAML file parsed without syntax errors, ready for schema checks. */
export interface YamlFile {
  path: string;
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  /** Resolves an alias to its anchored node; other nodes map to themselves. */
  resolve(node: ParsedNode): YamlNode;
}

/** The outcome of {@link readYaml}: a file when the YAML is usable, and every problem found. */
export interface YamlRead {
  file?: YamlFile;
  diagnostics: FileDiagnostic[];
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A diagnostic at the very start of `file`, for problems with the file as a whole. */
export function fileLevelDiagnostic(file: string, message: string): FileDiagnostic {
  return { file, range: ZERO_RANGE, severity: 'error', message };
}

/**
 * Why `text` cannot be a text file we read (too large, binary, or decoded with replacement
 * characters), or `undefined` when it is fine.
 */
export function textFileProblem(text: string): string | undefined {
  if (utf8LengthExceeds(text, MAX_FILE_BYTES)) return 'file is larger than 5 MB';
  if (text.includes('\u0000')) return 'not a text file (it contains NUL bytes)';
  if (text.includes('\uFFFD')) {
    return 'not a text file (it contains U+FFFD replacement characters; it is probably not UTF-8)';
  }
  return undefined;
}

function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

/**
 * Parses `text` as a single YAML document. Syntax errors, unresolved aliases and alias explosions come
 * back as located diagnostics; `file` is set only when none of them occurred. An empty document is
 * returned as a file whose `doc.contents` is `null`: what that means is the caller's business.
 */
export function readYaml(path: string, text: string): YamlRead {
  const problem = textFileProblem(text);
  if (problem !== undefined) return { diagnostics: [fileLevelDiagnostic(path, problem)] };

  const lines = new LineIndex(text);
  const diagnostics: FileDiagnostic[] = [];
  const at = (pos: [number, number] | readonly number[]): Range => lines.rangeOf(pos[0] ?? 0, pos[1] ?? pos[0] ?? 0);

  // yaml's own duplicate-key check compares each key with every earlier one: minutes for a file of
  // 50,000 keys. duplicateKeys does the same check in one pass.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  // Past a stack overflow yaml's other errors are its own confusion; the depth is the one problem.
  const overflow = doc.errors.find((e) => /maximum call stack/i.test(e.message));
  for (const e of overflow ? [overflow] : doc.errors) diagnostics.push({ file: path, range: at(e.pos), severity: 'error', message: yamlMessage(e) });
  for (const w of doc.warnings) diagnostics.push({ file: path, range: at(w.pos), severity: 'warning', message: w.message });
  if (doc.errors.length > 0) return { diagnostics };
  const duplicates = duplicateKeys(doc);
  for (const key of duplicates) {
    diagnostics.push({ file: path, range: at(key.range), severity: 'error', message: `duplicate key '${String(key.value)}' (keys of a mapping must be unique)` });
  }
  if (duplicates.length > 0) return { diagnostics };

  const { targets, firstAlias, firstNestedAlias, unresolved } = resolveAliases(doc);
  for (const alias of unresolved) {
    diagnostics.push({
      file: path,
      range: at(alias.range),
      severity: 'error',
      message: `unknown anchor '${alias.source}' (an alias must follow its anchor, outside the anchored node)`,
    });
  }
  if (unresolved.length > 0) return { diagnostics };

  if (firstAlias) {
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const message = /excessive alias/i.test(reason)
        ? `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); refusing a possible "billion laughs" document`
        : `cannot expand aliases: ${reason}`;
      // The expansion compounds at the first alias of a node that itself holds aliases.
      const culprit = firstNestedAlias ?? firstAlias;
      diagnostics.push({ file: path, range: at(culprit.range), severity: 'error', message });
      return { diagnostics };
    }
  }

  const resolve = (node: ParsedNode): YamlNode => (isAlias(node) ? (targets.get(node) as YamlNode) : node);
  return { file: { path, text, lines, doc, resolve }, diagnostics };
}

/** yaml's message, reworded where it speaks of yaml's API rather than the file. */
function yamlMessage(e: YAMLError): string {
  if (e.code === 'MULTIPLE_DOCS') return 'expected a single YAML document, found a second one after "---"';
  // yaml reports the stack overflow of a pathologically deep document as its own message.
  if (/maximum call stack/i.test(e.message)) return 'the YAML is nested too deeply to read';
  return e.message;
}

/**
 * Scalar keys that repeat an earlier key of the same mapping (same type and value, as yaml's own
 * check compares them), in document order.
 */
function duplicateKeys(doc: Document.Parsed): Scalar.Parsed[] {
  const found: Scalar.Parsed[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}\u0000${String(key.value)}`;
        if (seen.has(id)) found.push(key as Scalar.Parsed);
        else seen.add(id);
      }
    }
    const items = node.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Maps every alias to the node its anchor names. An anchor becomes visible only once its node is
 * complete, so an alias inside its own anchored node (a cycle) stays unresolved.
 */
function resolveAliases(doc: Document.Parsed): {
  targets: Map<Alias, ParsedNode>;
  firstAlias?: Alias.Parsed;
  firstNestedAlias?: Alias.Parsed;
  unresolved: Alias.Parsed[];
} {
  const targets = new Map<Alias, ParsedNode>();
  const unresolved: Alias.Parsed[] = [];
  let firstAlias: Alias.Parsed | undefined;
  let firstNestedAlias: Alias.Parsed | undefined;
  let aliasCount = 0;
  const anchors = new Map<string, ParsedNode>();
  const holdsAliases = new Set<ParsedNode>();
  // Iterative so a deeply nested document cannot overflow the stack here.
  type Step = { node: unknown; exit: boolean; aliasesBefore: number };
  const stack: Step[] = [{ node: doc.contents, exit: false, aliasesBefore: 0 }];
  while (stack.length > 0) {
    const { node, exit, aliasesBefore } = stack.pop() as Step;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const alias = node as Alias.Parsed;
      aliasCount++;
      firstAlias ??= alias;
      const target = anchors.get(alias.source);
      if (target) {
        targets.set(alias, target);
        if (holdsAliases.has(target)) firstNestedAlias ??= alias;
      } else unresolved.push(alias);
      continue;
    }
    if (isPair(node)) {
      stack.push({ node: node.value, exit: false, aliasesBefore: 0 }, { node: node.key, exit: false, aliasesBefore: 0 });
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    const parsed = node as YamlNode;
    if (exit) {
      if (aliasCount > aliasesBefore) holdsAliases.add(parsed);
      if (parsed.anchor) anchors.set(parsed.anchor, parsed);
      continue;
    }
    stack.push({ node, exit: true, aliasesBefore: aliasCount });
    if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], exit: false, aliasesBefore: 0 });
    }
  }
  return { targets, firstAlias, firstNestedAlias, unresolved };
}
