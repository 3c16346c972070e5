/**
 * A fact file's layout as text: where each source, party, document and fact entry stands (for "go to
 * source" and "find references" from a fact file), and appending entries to its lists without
 * rewriting the rest of the file (for "Add fact from selection"). The loader validates; this only reads
 * the YAML's shape, and tolerates files the loader would reject.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNodeBase, type YAMLMap } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';

/** The sections of a fact file that hold entries. */
export type FactFileSection = 'documents' | 'sources' | 'parties' | 'facts';

/** One entry of a fact file: an item of `sources`, `parties` or `facts`, or a key of `documents`. */
export interface FactFileEntry {
  section: FactFileSection;
  id: string;
  /** The whole entry. */
  range: Range;
  /** Its `id` value (or, for a document, its key). */
  idRange: Range;
  /** For a document, the path as written. */
  path?: string;
}

/** The entries of a fact file, in file order. */
export interface FactFileOutline {
  entries: FactFileEntry[];
}

const SECTIONS: readonly FactFileSection[] = ['documents', 'sources', 'parties', 'facts'];

type Offsets = [number, number, number] | undefined;

function parse(text: string) {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: false });
}

/** The entries of the fact file `text`; entries the YAML does not let us read are left out. */
export function outlineFactFile(text: string): FactFileOutline {
  const lines = new LineIndex(text);
  const entries: FactFileEntry[] = [];
  const doc = parse(text);
  const root = doc.contents;
  if (!isMap(root)) return { entries };
  const range = (r: Offsets): Range | undefined => (r ? lines.rangeOf(r[0], r[1]) : undefined);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!SECTIONS.includes(key as FactFileSection)) continue;
    const section = key as FactFileSection;
    const value = pair.value as YamlNodeBase | null;
    if (section === 'documents') {
      if (!isMap(value)) continue;
      for (const item of value.items) {
        if (!isScalar(item.key) || !isScalar(item.value)) continue;
        const keyRange = range(item.key.range as Offsets);
        const whole = range([(item.key.range as number[])[0] as number, (item.value.range as number[])[1] as number, 0]);
        if (keyRange && whole) entries.push({ section, id: String(item.key.value), range: whole, idRange: keyRange, path: String(item.value.value) });
      }
      continue;
    }
    if (!isSeq(value)) continue;
    for (const item of value.items) {
      if (!isMap(item)) continue;
      const idNode = item.items.find((p) => isScalar(p.key) && p.key.value === 'id')?.value;
      if (!isScalar(idNode)) continue;
      const whole = range(item.range as Offsets);
      const idRange = range(idNode.range as Offsets);
      if (whole && idRange) entries.push({ section, id: String(idNode.value), range: whole, idRange });
    }
  }
  return { entries };
}

/** The entry of `section` with `id`, if the file has one. */
export function findEntry(outline: FactFileOutline, section: FactFileSection, id: string): FactFileEntry | undefined {
  return outline.entries.find((e) => e.section === section && e.id === id);
}

/** The innermost entry of `section` that contains `position`. */
export function entryAt(outline: FactFileOutline, section: FactFileSection, position: { line: number; character: number }): FactFileEntry | undefined {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return outline.entries.find((e) => e.section === section && before(e.range.start, position) && before(position, e.range.end));
}

/** New entries for a fact file, by section: list items as plain objects, documents as id -> path. */
export interface FactFileAdditions {
  documents?: Record<string, string>;
  sources?: Array<Record<string, unknown>>;
  parties?: Array<Record<string, unknown>>;
  facts?: Array<Record<string, unknown>>;
}

/**
 * `text` with `additions` appended to their sections: each new entry goes after the section's last
 * one, with the same indentation, and a missing section is added at the end of the file. The rest of
 * the file (comments, order, quoting) is left as it was. Scalars are written as JSON strings, which
 * YAML reads back verbatim. Throws when a section cannot be appended to (a flow-style list, a section
 * of the wrong type, or a file that is not a YAML mapping).
 */
export function appendToFactFile(text: string, additions: FactFileAdditions): string {
  const doc = parse(text);
  if (doc.errors.length > 0) throw new Error(`the fact file has YAML errors (${doc.errors[0]?.message.split('\n')[0]}); fix them first`);
  const root = doc.contents;
  if (root !== null && !isMap(root)) throw new Error('the fact file is not a YAML mapping');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  /** Replacements of `[at, end)` by `text`, applied from the end of the file backwards. */
  const inserts: Array<{ at: number; end: number; text: string }> = [];
  let tail = '';
  for (const section of SECTIONS) {
    const items = section === 'documents' ? Object.entries(additions.documents ?? {}) : (additions[section] ?? []);
    if (items.length === 0) continue;
    const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === section) : undefined;
    const value = pair?.value as YamlNodeBase | null | undefined;
    if (!pair || value === null || value === undefined) {
      const block = section === 'documents' ? mapLines(items as Array<[string, string]>, '  ') : seqLines(items as Array<Record<string, unknown>>, '  ');
      if (pair) {
        // `facts:` with nothing after it: the items go right under the key.
        const keyEnd = (pair.key as YamlNodeBase).range?.[1] ?? text.length;
        const colon = text.indexOf(':', keyEnd);
        const at = lineEnd(text, colon < 0 ? keyEnd : colon);
        inserts.push({ at, end: at, text: eol + block.join(eol) });
      } else {
        tail += `${section}:${eol}${block.join(eol)}${eol}`;
      }
      continue;
    }
    const node = value as YamlNodeBase & { flow?: boolean; items?: unknown[] };
    const emptyFlow = node.flow && (node.items?.length ?? 0) === 0;
    if (section === 'documents' ? !isMap(value) : !isSeq(value)) throw new Error(`${section} in the fact file is not a ${section === 'documents' ? 'mapping' : 'list'}`);
    if (node.flow && !emptyFlow) throw new Error(`${section} in the fact file is written inline ([...]); write it as a block list to add to it`);
    const range = value.range as [number, number, number];
    if (emptyFlow) {
      const block = section === 'documents' ? mapLines(items as Array<[string, string]>, '  ') : seqLines(items as Array<Record<string, unknown>>, '  ');
      inserts.push({ at: range[0], end: range[1], text: `${eol}${block.join(eol)}` });
      continue;
    }
    const first = (value as unknown as { items: Array<{ range?: number[]; key?: { range?: number[] } }> }).items[0];
    const firstStart = section === 'documents' ? first?.key?.range?.[0] : first?.range?.[0];
    const indent = firstStart === undefined ? '  ' : indentationAt(text, firstStart);
    const block = section === 'documents' ? mapLines(items as Array<[string, string]>, indent) : seqLines(items as Array<Record<string, unknown>>, indent);
    const at = lineEnd(text, Math.max(range[0], range[1] - 1));
    inserts.push({ at, end: at, text: eol + block.join(eol) });
  }
  if (additions.documents && Object.keys(additions.documents).length > 0 && isMap(root)) inserts.push(...pinSoleDocument(text, root, eol));
  let out = text;
  for (const insert of inserts.sort((a, b) => b.at - a.at)) {
    out = out.slice(0, insert.at) + insert.text + out.slice(insert.end);
  }
  if (tail !== '') out += (out === '' || out.endsWith('\n') ? '' : eol) + tail;
  return out;
}

/**
 * A fact names its document only when its file declares several, so a file that declared one and is
 * given another must name the first in each fact that relied on it: `document: <id>` is added at the
 * end of each such fact.
 */
function pinSoleDocument(text: string, root: YAMLMap, eol: string): Array<{ at: number; end: number; text: string }> {
  const section = (name: string) => root.items.find((p) => isScalar(p.key) && p.key.value === name)?.value as YamlNodeBase | null | undefined;
  const documents = section('documents');
  const facts = section('facts');
  if (!isMap(documents) || documents.items.length !== 1 || !isSeq(facts)) return [];
  const only = documents.items[0]?.key;
  if (!isScalar(only)) return [];
  const inserts: Array<{ at: number; end: number; text: string }> = [];
  for (const item of facts.items) {
    if (!isMap(item) || (item as { flow?: boolean }).flow || item.items.some((p) => isScalar(p.key) && p.key.value === 'document')) continue;
    const firstKey = item.items[0]?.key as YamlNodeBase | undefined;
    const range = item.range;
    if (!firstKey?.range || !range) continue;
    const column = firstKey.range[0] - (text.lastIndexOf('\n', firstKey.range[0] - 1) + 1);
    const at = lineEnd(text, Math.max(range[0], range[1] - 1));
    inserts.push({ at, end: at, text: `${eol}${' '.repeat(column)}document: ${scalar(only.value)}` });
  }
  return inserts;
}

/** The indentation of a block item starting at `offset`: the spaces before its `- ` or its key. */
function indentationAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ ]*/.exec(text.slice(start, offset));
  return m ? m[0] : '';
}

/** The offset of the end of the line that `offset` is on (before its line break). */
function lineEnd(text: string, offset: number): number {
  const m = /\r?\n/.exec(text.slice(offset));
  return m ? offset + m.index : text.length;
}

function scalar(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(String(value));
}

function mapLines(items: Array<[string, string]>, indent: string): string[] {
  return items.map(([key, value]) => `${indent}${key}: ${scalar(value)}`);
}

/** Block list items, `indent` being where the item's `-` stands. */
function seqLines(items: Array<Record<string, unknown>>, indent: string): string[] {
  const lines: string[] = [];
  for (const item of items) {
    let first = true;
    for (const [key, value] of Object.entries(item)) {
      if (value === undefined) continue;
      const lead = first ? `${indent}- ` : `${indent}  `;
      first = false;
      if (Array.isArray(value)) lines.push(`${lead}${key}: [${value.map(scalar).join(', ')}]`);
      else lines.push(`${lead}${key}: ${scalar(value)}`);
    }
  }
  return lines;
}
