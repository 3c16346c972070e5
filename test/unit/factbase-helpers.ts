/** Shared fakes and fixtures for the fact-base tests. */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import type { FactFileInput, FactHost, ParsedValue } from '../../server/src/engine/api';
import { loadFactBase } from '../../server/src/engine/factbase/load';
import type { FileDiagnostic, Position, Range } from '../../server/src/engine/types';

/**
 * A stand-in for the real value parser: it knows a handful of strings and rejects everything else,
 * which is all the loader needs to show it passes values through and reports failures.
 */
export function fakeParseValue(text: string): ParsedValue {
  switch (text) {
    case 'about $21 billion':
      return {
        value: { kind: 'money', currency: 'USD', amount: 21e9, precision: 1e9, bound: 'approx' },
        format: { kind: 'money', prefix: '$', numberStyle: 'digits', scaleWord: 'billion', scaleFactor: 1e9, spaceBeforeScale: true, suffix: '' },
      };
    case '$8.5 billion':
      return {
        value: { kind: 'money', currency: 'USD', amount: 8.5e9, precision: 1e8, bound: 'exact' },
        format: { kind: 'money', prefix: '$', numberStyle: 'digits', scaleWord: 'billion', scaleFactor: 1e9, spaceBeforeScale: true, suffix: '' },
      };
    case 'December 2032':
      return {
        value: { kind: 'date', year: 2032, month: 12, granularity: 'month', bound: 'exact' },
        format: { kind: 'date', style: 'my', monthStyle: 'long', partText: '' },
      };
    case 'nine months':
      return {
        value: { kind: 'duration', amount: 9, unit: 'month', bound: 'exact' },
        format: { kind: 'duration', numberStyle: 'words', unitText: 'months', hyphenated: false },
      };
    default:
      return { error: 'no money, date, duration or ordinal here' };
  }
}

/** A host over an in-memory file system; references resolve relative to the fact file's folder. */
export function memoryHost(files: Record<string, string>): FactHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readDocument(fromPath, reference) {
      const path = posix.join(posix.dirname(fromPath), reference);
      reads.push(path);
      const text = files[path];
      return text === undefined ? { error: `ENOENT: no such file or directory, open '${path}'` } : { path, text };
    },
  };
}

/** The article the inline fact files quote. */
export const DOC_PATH = '/ws/facts/article.txt';
export const DOC_TEXT = [
  'Deal news',
  'CoreWeave said Meta expanded a long-term agreement through December 2032, and the total value is approximately $21 billion. (investors.coreweave.com)',
  'Meta said its lab rebuilt its stack over the last nine months. (about.fb.com)',
  '',
].join('\n');

/** A valid fact file; tests break one line of it at a time. */
export const VALID = `version: 1
documents:
  article: article.txt
sources:
  - id: investors.coreweave.com
    name: CoreWeave investor relations
    url: https://www.investors.coreweave.com/news
    aliases: [coreweave.com, WWW.CoreWeave.net]
  - id: about.fb.com
    name: Meta newsroom
    url: https://about.fb.com/news/
parties:
  - id: coreweave
    names: [CoreWeave]
  - id: meta
    names: [Meta, Meta Platforms]
facts:
  - id: coreweave-deal-value
    statement: Meta's expanded CoreWeave capacity deal is worth about $21 billion.
    parties: [coreweave]
    alsoAbout: [meta]
    cues: [Deal, agreement, worth]
    value: about $21 billion
    tolerance: 5%
    sources: [investors.coreweave.com, about.fb.com]
    quote: the total value is approximately $21 billion
    examples:
      pass: [Meta's CoreWeave deal is worth about $21 billion.]
      fail: [Meta's CoreWeave deal is worth $12 billion.]
  - id: msl-rebuild-duration
    statement: Meta Superintelligence Labs rebuilt Meta's AI stack over nine months.
    parties: [meta]
    cues: [rebuilt, stack]
    sources: [about.fb.com]
    quote: rebuilt its stack over the last nine months
`;

export const FACTS_PATH = '/ws/facts/facts.yaml';

/** Loads fact files (path -> text) against {@link DOC_TEXT}. */
export function load(files: Record<string, string>, docs: Record<string, string> = { [DOC_PATH]: DOC_TEXT }) {
  const inputs: FactFileInput[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  return loadFactBase(inputs, memoryHost(docs), { parseValue: fakeParseValue });
}

/** {@link VALID} with `from` replaced by `to`; fails loudly when `from` is not there. */
export function variant(from: string, to: string, base = VALID): string {
  assert.ok(base.includes(from), `fixture does not contain ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

/** The 0-based position of the `nth` occurrence of `needle` in `text`, computed independently of LineIndex. */
export function pos(text: string, needle: string, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `text does not contain ${JSON.stringify(needle)} (#${nth})`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

/** The position just after `needle`. */
export function endPos(text: string, needle: string, nth = 0): Position {
  const p = pos(text, needle, nth);
  const lines = needle.split('\n');
  return lines.length === 1
    ? { line: p.line, character: p.character + needle.length }
    : { line: p.line + lines.length - 1, character: (lines[lines.length - 1] as string).length };
}

/**
 * The range of `needle` inside the first occurrence of `context` in `text` (the whole context when
 * `needle` is omitted), computed independently of LineIndex.
 */
export function span(text: string, context: string, needle: string = context, nth = 0): Range {
  const start = pos(text, context, nth);
  const offsetInContext = context.indexOf(needle);
  assert.ok(offsetInContext >= 0, `${JSON.stringify(context)} does not contain ${JSON.stringify(needle)}`);
  const head = context.slice(0, offsetInContext).split('\n');
  const s: Position =
    head.length === 1
      ? { line: start.line, character: start.character + offsetInContext }
      : { line: start.line + head.length - 1, character: (head[head.length - 1] as string).length };
  const body = needle.split('\n');
  const e: Position =
    body.length === 1
      ? { line: s.line, character: s.character + needle.length }
      : { line: s.line + body.length - 1, character: (body[body.length - 1] as string).length };
  return { start: s, end: e };
}

/**
 * Asserts there is exactly one error, that its message contains `message`, and that it sits at
 * `where` (a whole range, or just its start).
 */
export function expectOneError(diagnostics: FileDiagnostic[], message: string, where: Range | Position): FileDiagnostic {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1, `expected one error, got:\n${errors.map((e) => JSON.stringify(e)).join('\n')}`);
  const e = errors[0] as FileDiagnostic;
  assert.ok(e.message.includes(message), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(message)}`);
  if ('start' in where) assert.deepEqual(e.range, where, e.message);
  else assert.deepEqual(e.range.start, where, e.message);
  return e;
}
