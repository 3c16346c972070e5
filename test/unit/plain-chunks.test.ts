/**
 * Plain chunks are read without the parser (markdown/plainChunks.ts). These tests hold that to what
 * matters: the document model, and so every finding, is the same as when the parser reads it all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildDocumentModel, type DocumentModel } from '../../server/src/engine/markdown/blocks';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { findPlainChunks, parseWithPlainChunks, readDocumentModel } from '../../server/src/engine/markdown/plainChunks';
import { analyzeParsed } from '../../server/src/engine/analyze';
import { checkDocument, resultOf } from '../../server/src/engine/check';
import { seedBase } from '../helpers/seed';
import { block, markdownDraft } from '../fuzz/arbitraries';
import { generateDraft, seedStatements } from '../bench/generate';

const ROOT = path.resolve(__dirname, '..', '..');

/** Everything a check reads from a document model, as plain data. */
function snapshot(model: DocumentModel): unknown {
  return {
    blocks: model.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, text: b.text, map: b.map.toArray(), links: b.links })),
    comments: model.comments,
    footnotes: [...model.footnotes],
    definitions: [...model.definitions],
  };
}

function assertSameModel(text: string, label: string): void {
  const parsed = snapshot(buildDocumentModel(text, parseMarkdown(text)));
  const scanned = snapshot(readDocumentModel(text));
  assert.deepEqual(scanned, parsed, `${label}: the model differs when plain chunks skip the parser`);
}

/** How many of the document's chunks are read without the parser. */
function plainChunkCount(text: string): number {
  return findPlainChunks(text).length;
}

function markdownFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownFilesUnder(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

/** The shared examples (beside the clone), the evaluation corpus and the test fixtures. */
function realDrafts(): Array<{ label: string; text: string }> {
  const dirs = [path.join(ROOT, '..', 'shared', 'examples'), path.join(ROOT, 'test', 'eval', 'corpus'), path.join(ROOT, 'test', 'fixtures')];
  return dirs.flatMap((dir) => markdownFilesUnder(dir).map((file) => ({ label: path.relative(ROOT, file), text: readFileSync(file, 'utf8') })));
}

test('a plain paragraph and a plain heading are read as the parser reads them', () => {
  const text = 'First line of prose,\nand its second line.\n\n## A plain heading\n\nLast one';
  assert.equal(plainChunkCount(text), 3);
  assert.deepEqual(asJson(parseWithPlainChunks(text)), asJson(parseMarkdown(text)));
  assertSameModel(text, 'three plain chunks');
  assertSameModel(text.replace(/\n/g, '\r\n'), 'CRLF');
});

test('simple emphasis, code spans and links are read as the parser reads them', () => {
  const text = [
    'It was *really* big, **all of it**. Run `npm ci` first.',
    'The [filing](https://investors.coreweave.com/news?id=2;x=a_b*c) says so, and `a*b` is code.',
    '',
    '# A *plain* heading with `code` and [a link](http://example.org/x)',
    '',
    'Ends with *emphasis*\nand **strong**!',
  ].join('\n');
  assert.equal(plainChunkCount(text), 3);
  assert.deepEqual(asJson(parseWithPlainChunks(text)), asJson(parseMarkdown(text)));
  assertSameModel(text, 'inline constructs');
});

test('a tight bullet list, alone or after a paragraph or heading, is read as the parser reads it', () => {
  const text = [
    'Intro with *emphasis*:', '', '- one `code` two', '- three (reuters.com)', '- [four](https://example.org/4)', '',
    '# Head', '', '* star item', '* another',
  ].join('\n');
  assert.equal(plainChunkCount(text), 4);
  assert.deepEqual(asJson(parseWithPlainChunks(text)), asJson(parseMarkdown(text)));
  assertSameModel(text, 'lists');
});

test('a chunk with any other Markdown syntax is left to the parser', () => {
  const syntax = [
    'Some a*emphasis*b here.', 'Some *emphasis*here.', '(*see*)', '*a **b** c*', '**x*', 'Some ``code`` here.', 'Open `code',
    'A [link](https://example.com "title").', 'A [link](<https://example.com>).', 'A [link](https://example.com/a&amp;b).',
    'A [link][ref].', 'An ![image](https://example.com/i.png).', 'A [www.example.com](https://example.com).',
    'An escaped \\* star.', 'Tom & Jerry.', 'See https://example.com now.', 'See www.example.com now.', 'Mail ann@example.com now.',
    'A | B', 'A `a|b` cell', 'x < y', 'Two  \nlines', 'Line\n===', 'Line\n---', 'Line\n:-:', 'Line\n- item', 'Line\n1. item',
    'Line\n> quote', '    indented', 'A ~strike~', 'snake_case', '# Heading #', '#hashtag', '# Heading\nand more', 'Text[^1]',
    'Tab\there', 'Trailing ', '[x]: https://example.org/', '[^1]: https://example.org/', '[x] marks', '- a\n\n- b', '- a\n* b',
    '- a\n  b', '- a\nlazy', '- [ ] task', '- [x] done', '- # h', '- > q', '-  two', '- 2024. A year', '1. ordered', 'Para\n- item',
  ];
  for (const text of syntax) assert.equal(plainChunkCount(text), 0, JSON.stringify(text));
});

test('the shared examples, the evaluation corpus and the fixtures read the same both ways', () => {
  const drafts = realDrafts();
  assert.ok(drafts.length > 60, `expected the examples and the corpus, found ${drafts.length} drafts`);
  let plain = 0;
  for (const { label, text } of drafts) {
    assertSameModel(text, label);
    plain += plainChunkCount(text);
  }
  assert.ok(plain > 100, `only ${plain} plain chunks: the fast path is not exercised`);
});

test('findings on the evaluation corpus are identical with and without plain chunks', () => {
  const base = seedBase();
  for (const { label, text } of realDrafts()) {
    const parsedAll = resultOf(analyzeParsed(text, parseMarkdown(text), base));
    assert.deepEqual(checkDocument(text, base), parsedAll, label);
  }
});

test('generated drafts (the benchmark corpus) read the same both ways', () => {
  const seeds = seedStatements(seedBase());
  for (let seed = 1; seed <= 40; seed++) {
    const text = generateDraft({ size: 12_000, seed: 5000 + seed, seeds });
    assertSameModel(text, `generated draft ${seed}`);
  }
});

/** Plain prose paragraphs among every kind of block the fuzzers make, with varied gaps. */
function mixedDocument(): fc.Arbitrary<string> {
  const words = [
    'the', 'deal', 'Meta', 'CoreWeave', '$21', 'billion', '2032.', 'said,', '(reuters.com)', 'a', '#2', '1.5', 'é', '😀',
    '*really*', '**all of it**', '`config`', '`a*b`', '[this report](https://example.org/r/7)', '[a b](http://x.org/a_b*c)',
    // Near misses the scan must leave to the parser.
    '*x', 'x*', '`', '*a*b', '(*see*)', '**x*', '![i](https://x.org/i.png)', '[t](https://x.org/a&amp;b)', '[x](https://a.org)(y)',
    '[x]', 'a_b', ':', '-', '|',
  ];
  const plainWords = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 25 });
  const plainParagraph = fc.array(plainWords.map((w) => w.join(' ')), { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
  const plainHeading = fc.tuple(fc.integer({ min: 1, max: 6 }), plainWords).map(([n, w]) => `${'#'.repeat(n)} ${w.join(' ')}`);
  const plainList = fc
    .array(fc.tuple(fc.constantFrom('- ', '- ', '- ', '* ', '+ ', '-  ', '  - ', '1. '), plainWords), { minLength: 1, maxLength: 5 })
    .map((items) => items.map(([marker, w]) => marker + w.join(' ')).join('\n'));
  const anyBlock = fc.oneof(
    { weight: 3, arbitrary: plainParagraph },
    { weight: 1, arbitrary: plainHeading },
    { weight: 2, arbitrary: plainList },
    { weight: 4, arbitrary: block() },
  );
  return fc
    .tuple(fc.array(anyBlock, { minLength: 1, maxLength: 14 }), fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n', '\n   \n', '\n\n  '), { minLength: 14, maxLength: 14 }), fc.boolean())
    .map(([blocks, gaps, crlf]) => {
      const text = blocks.map((b, i) => b + (gaps[i] as string)).join('');
      return crlf ? text.replace(/\n/g, '\r\n') : text;
    });
}

test('fuzz: plain prose among any other blocks reads the same both ways', () => {
  fc.assert(fc.property(mixedDocument(), (text) => assertSameModel(text, JSON.stringify(text).slice(0, 200))), { seed: 20261203, numRuns: 400 });
});

test('fuzz: every draft the engine fuzzers make reads the same both ways', () => {
  fc.assert(fc.property(markdownDraft(), (text) => assertSameModel(text, JSON.stringify(text).slice(0, 200))), { seed: 20261204, numRuns: 300 });
});

/** The tree as plain data (positions included). */
function asJson(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node));
}

test('a chunk the line scan misreads (a fence behind a byte-order mark) falls back to the parser', () => {
  const text = '\uFEFF```\ncode\n\nLooks like prose but is code.\n\n```\n\nAfter the fence.\n';
  assert.equal(plainChunkCount(text), 1, 'the scan proposes the fenced prose as a plain chunk');
  assertSameModel(text, 'fence behind a byte-order mark');
  assert.equal(readDocumentModel(text).blocks.map((b) => b.text).join('|'), 'After the fence.');
});
