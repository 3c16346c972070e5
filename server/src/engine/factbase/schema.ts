import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedNode } from 'yaml';
import type { FileDiagnostic, Range } from '../types';
import type { YamlFile, YamlNode } from './yamlSource';

/** A value read from YAML together with the node it came from, so later checks can point at it. */
export interface Located<T> {
  value: T;
  range: Range;
}

/** One key of a mapping: its name, where the key stands, and its (alias-resolved) value node. */
export interface Entry {
  name: string;
  keyRange: Range;
  /** `null` for a key without a value (`key:`). */
  node: YamlNode | null;
  /** Where problems with the value are reported: the value, or the key when the value is empty. */
  range: Range;
}

/** The keys a mapping may have. */
export interface MappingShape {
  /** What the mapping is, for messages: "a fact", "the fact file". */
  noun: string;
  required: readonly string[];
  optional: readonly string[];
}

/**
 * Type checks over a parsed YAML file that report located diagnostics instead of throwing. Each check
 * returns `undefined` after reporting when the node has the wrong shape, so callers can skip the item
 * and keep checking the rest of the file.
 */
export class Checker {
  constructor(
    readonly file: YamlFile,
    readonly diagnostics: FileDiagnostic[],
  ) {}

  /** The range of `node` (without trailing comments or whitespace). */
  rangeOf(node: ParsedNode): Range {
    const [start, end] = node.range;
    return this.file.lines.rangeOf(start, end);
  }

  /** The first line of `node`, for problems with a whole mapping (such as a missing key). */
  headOf(node: ParsedNode): Range {
    const [start, end] = node.range;
    const startPos = this.file.lines.positionAt(start);
    const lineEnd = this.file.lines.offsetAt({ line: startPos.line, character: Number.MAX_SAFE_INTEGER });
    return this.file.lines.rangeOf(start, Math.max(start, Math.min(end, lineEnd)));
  }

  /** Reports an error at `range` in this file. */
  error(range: Range, message: string): void {
    this.diagnostics.push({ file: this.file.path, range, severity: 'error', message });
  }

  /** Reports a warning at `range` in this file. */
  warning(range: Range, message: string): void {
    this.diagnostics.push({ file: this.file.path, range, severity: 'warning', message });
  }

  /**
   * Checks that `node` is a mapping with string keys drawn from `shape`; reports unknown keys,
   * non-string keys and missing required keys. Returns the known entries by name.
   */
  mapping(node: YamlNode | null, at: Range, label: string, shape: MappingShape): Map<string, Entry> | undefined {
    if (!node || !isMap(node)) {
      this.error(node ? this.rangeOf(node) : at, `${label}: expected a mapping, found ${describe(node)}`);
      return undefined;
    }
    const allowed = [...shape.required, ...shape.optional];
    const entries = new Map<string, Entry>();
    const guessed = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key === null ? null : this.file.resolve(pair.key);
      const keyRange = keyNode ? this.rangeOf(keyNode) : this.headOf(node);
      const name = keyName(keyNode);
      if (name === undefined) {
        this.error(keyRange, `expected a string key in ${shape.noun}, found ${describe(keyNode)}`);
        continue;
      }
      if (!allowed.includes(name)) {
        const guess = closest(name, allowed);
        if (guess) guessed.add(guess);
        const hint = guess ? `; did you mean '${guess}'?` : ` (allowed: ${allowed.join(', ')})`;
        this.error(keyRange, `unknown key '${name}' in ${shape.noun}${hint}`);
        continue;
      }
      const valueNode = pair.value === null ? null : this.file.resolve(pair.value);
      const empty = !valueNode || (isScalar(valueNode) && valueNode.value === null);
      entries.set(name, { name, keyRange, node: valueNode, range: empty ? keyRange : this.rangeOf(valueNode) });
    }
    for (const key of shape.required) {
      // A misspelt required key is one problem: the unknown key's "did you mean" already names it.
      if (!entries.has(key) && !guessed.has(key)) this.error(this.headOf(node), `missing required key '${key}' in ${shape.noun}`);
    }
    return entries;
  }

  /** A string scalar; `nonBlank` also rejects strings that are empty or only whitespace. */
  string(entry: Entry, options: { nonBlank?: boolean } = {}): Located<string> | undefined {
    return this.stringAt(entry.node, entry.range, entry.name, options);
  }

  /** Like {@link string}, for a node that is not the value of a key (a list item). */
  stringAt(node: YamlNode | null, at: Range, label: string, options: { nonBlank?: boolean } = {}): Located<string> | undefined {
    if (!node || !isScalar(node) || typeof node.value !== 'string') {
      this.error(at, `${label}: expected a string, found ${describe(node)}`);
      return undefined;
    }
    if (options.nonBlank && node.value.trim() === '') {
      this.error(at, `${label}: must not be empty`);
      return undefined;
    }
    return { value: node.value, range: at };
  }

  /**
   * A list of strings. A bad item is reported and left out; a value that is not a list at all is
   * reported and returns `undefined`. With `nonEmpty`, an empty list is an error.
   */
  stringList(entry: Entry, options: { nonBlank?: boolean; nonEmpty?: boolean } = {}): Located<string>[] | undefined {
    const node = entry.node;
    if (!node || !isSeq(node)) {
      const hint = node && isScalar(node) && typeof node.value === 'string' ? ` (write [${node.value}] for a list of one)` : '';
      this.error(entry.range, `${entry.name}: expected a list of strings, found ${describe(node)}${hint}`);
      return undefined;
    }
    if (options.nonEmpty && node.items.length === 0) {
      this.error(entry.range, `${entry.name}: must list at least one item`);
      return undefined;
    }
    const out: Located<string>[] = [];
    node.items.forEach((item, i) => {
      const itemNode = this.file.resolve(item);
      const got = this.stringAt(itemNode, this.rangeOf(itemNode), `${entry.name}[${i}]`, options);
      if (got) out.push(got);
    });
    return out;
  }

  /** A list whose items are handed back as nodes, for lists of mappings. */
  list(entry: Entry): YamlNode[] | undefined {
    if (!entry.node || !isSeq(entry.node)) {
      this.error(entry.range, `${entry.name}: expected a list, found ${describe(entry.node)}`);
      return undefined;
    }
    return entry.node.items.map((item) => this.file.resolve(item));
  }

  /** An integer of at least 1. */
  positiveInteger(entry: Entry): Located<number> | undefined {
    const node = entry.node;
    if (!node || !isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < 1) {
      this.error(entry.range, `${entry.name}: expected a positive integer, found ${describe(node)}`);
      return undefined;
    }
    return { value: node.value, range: entry.range };
  }

  /** `true` or `false`. */
  boolean(entry: Entry): Located<boolean> | undefined {
    const node = entry.node;
    if (!node || !isScalar(node) || typeof node.value !== 'boolean') {
      this.error(entry.range, `${entry.name}: expected true or false, found ${describe(node)}`);
      return undefined;
    }
    return { value: node.value, range: entry.range };
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(entry: Entry, choices: readonly T[]): Located<T> | undefined {
    const node = entry.node;
    if (node && isScalar(node) && typeof node.value === 'string' && (choices as readonly string[]).includes(node.value)) {
      return { value: node.value as T, range: entry.range };
    }
    const guess = node && isScalar(node) && typeof node.value === 'string' ? closest(node.value, choices) : undefined;
    const hint = guess ? `; did you mean '${guess}'?` : '';
    this.error(entry.range, `${entry.name}: expected one of ${choices.join(', ')}, found ${describe(node)}${hint}`);
    return undefined;
  }
}

function keyName(node: YamlNode | null): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  const v: unknown = node.value;
  if (typeof v === 'string') return v;
  // YAML 1.1 merge keys come back as a symbol; report them as the unknown key they are.
  if (typeof v === 'symbol') return v.description ?? '<<';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** How a node reads in a message: `"two"`, `the number 3`, `a list`, `nothing`. */
export function describe(node: YamlNode | null): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v: unknown = node.value;
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return v === '' ? 'an empty string' : `"${truncate(v, 40)}"`;
  if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  if (v instanceof Date) return 'a date';
  return `a ${typeof v}`;
}

/** `text` cut to `max` characters with an ellipsis, on one line. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The candidate within a small edit distance of `word`, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
