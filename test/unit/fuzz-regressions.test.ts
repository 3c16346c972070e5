/**
 * Inputs the fuzzers found that broke the engine, shrunk by hand to what matters. Each names the
 * property it broke; the fixes are in the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../server/src/engine/check';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { buildDocumentModel } from '../../server/src/engine/markdown/blocks';
import { parseConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/engine/text/lineIndex';
import { loadFactBase } from '../../server/src/engine/factbase/load';
import { parseValueText } from '../../server/src/engine/values';
import { seedBase } from '../helpers/seed';
import { fixProblems, resultRangeProblems } from '../fuzz/invariants';

function blocksOf(source: string) {
  return buildDocumentModel(source, parseMarkdown(source)).blocks;
}

/** Every plain character maps to the same character in the source. */
function assertMapsExactly(source: string, block: { text: string; map: { at(index: number): number | undefined } }, skip = ''): void {
  for (let i = 0; i < block.text.length; i++) {
    const ch = block.text[i] as string;
    if (skip.includes(ch)) continue;
    assert.equal(source[block.map.at(i) as number], ch, `plain ${i} (${JSON.stringify(ch)}) maps to source ${block.map.at(i)}`);
  }
}

test('a NUL byte (read by CommonMark as U+FFFD) does not collapse the rest of the block onto its end', () => {
  const source = '\u0000 😀 (about.fb.com)';
  const [block] = blocksOf(source);
  assert.ok(block);
  assert.equal(block.text, '\uFFFD 😀 (about.fb.com)');
  assertMapsExactly(source, block, '\uFFFD');
  const result = checkDocument(source, seedBase());
  assert.deepEqual(result.citations.map((c) => c.range), [{ start: { line: 0, character: 6 }, end: { line: 0, character: 18 } }]);
});

test('a literal autolink after an unclosed "[" (GFM leaves such nodes without positions) does not misplace fixes', () => {
  // Before the fix every position-less node mapped to offset 0, so the mismatch's fix replaced
  // "the Meta deal" instead of "$31 billion".
  const source = 'See [https://about.fb.com/x 😀 CoreWeave valued the Meta deal at $31 billion. (investors.coreweave.com)';
  const [block] = blocksOf(source);
  assert.ok(block);
  assertMapsExactly(source, block, ' ');
  assert.deepEqual(block.links.map((l) => source.slice(l.start, l.end)), ['https://about.fb.com/x']);
  const result = checkDocument(source, seedBase());
  const mismatch = result.findings.find((f) => f.code === 'mismatch');
  assert.ok(mismatch);
  const edit = mismatch.fixes[0]?.edits[0];
  assert.ok(edit);
  assert.equal(source.slice(edit.range.start.character, edit.range.end.character), '$31 billion');
  assert.deepEqual(resultRangeProblems(source, result), []);
  assert.deepEqual(fixProblems(source, seedBase(), result), []);
});

test('a leading byte-order mark does not shift ranges (micromark counts offsets without it)', () => {
  const source = '\uFEFFCoreWeave said the Meta deal is worth $2\nbillion. (investors.coreweave.com)\n';
  const [block] = blocksOf(source);
  assert.ok(block);
  assertMapsExactly(source, block, ' ');
  const result = checkDocument(source, seedBase());
  const mismatch = result.findings.find((f) => f.code === 'mismatch');
  assert.ok(mismatch, JSON.stringify(result.findings));
  assert.deepEqual(mismatch.range, { start: { line: 0, character: 39 }, end: { line: 1, character: 7 } });
  assert.deepEqual(fixProblems(source, seedBase(), result), []);
});

test('a YAML error next to an emoji is not located between the halves of its surrogate pair', () => {
  // yaml reports "Block scalar header includes extra characters" at offsets [1, 2), inside the emoji.
  const { diagnostics } = parseConfig('/ws/.sourcecheck.yaml', '|\u{1F600}facts: [a]\n');
  assert.deepEqual(diagnostics[0]?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
  const lines = new LineIndex('a\u{1F600}b');
  assert.deepEqual(lines.rangeOf(2, 2), { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
});

test('duplicate keys are found in one pass (yaml compares each key with every earlier one: minutes for 50,000 keys)', { timeout: 30_000 }, () => {
  const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n');
  const { diagnostics } = parseConfig('/ws/.sourcecheck.yaml', `${keys}\nk7: again\n`);
  const duplicate = diagnostics.filter((d) => d.message.startsWith('duplicate key'));
  assert.deepEqual(duplicate.map((d) => [d.range.start.line, d.message]), [[50_000, "duplicate key 'k7' (keys of a mapping must be unique)"]]);
  // Same type and value is a duplicate, as in yaml's own check; 1 and "1" are different keys.
  const flow = parseConfig('/ws/.sourcecheck.yaml', 'severity: {mismatch: error, 1: x, "1": y, mismatch: off}\n').diagnostics;
  assert.deepEqual(flow.filter((d) => d.message.startsWith('duplicate')).map((d) => d.range.start.character), [42]);
});

test('a pathologically deep YAML document is one located error with a clear message', () => {
  const { diagnostics } = parseConfig('/ws/.sourcecheck.yaml', `facts: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.message, 'the YAML is nested too deeply to read');
  assert.equal(diagnostics[0]?.range.start.line, 0);
});

test('a misspelt required key is one error (the "did you mean"), not also "missing required key"', () => {
  const facts = loadFactBase(
    [{ path: '/ws/f.yaml', text: 'version: 1\nparties:\n  - id: acme\n    nmes: [Acme]\n' }],
    { readDocument: () => ({ error: 'no such file' }) },
    { parseValue: parseValueText },
  );
  assert.deepEqual(facts.diagnostics.map((d) => [d.range.start.line, d.message]), [[3, "unknown key 'nmes' in a party; did you mean 'names'?"]]);
});

test('a tab used as indentation is one error, not three on the same line', () => {
  const { diagnostics } = parseConfig('/ws/.sourcecheck.yaml', 'sources:\n  - id: example.org\n\tname: Example\n    url: https://example.org/\n');
  assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.message]), [[2, 'Tabs are not allowed as indentation']]);
});

test('3,000 nested list markers on one line (6 KB) do not overflow the stack', () => {
  const text = `${'- '.repeat(3000)}Meta paid $21 billion.\n\n> ${'> '.repeat(20_000)}x\n`;
  assert.doesNotThrow(() => checkDocument(text, seedBase()));
  assert.deepEqual(resultRangeProblems(text, checkDocument(text, seedBase())), []);
});

test('a paragraph with more emphasis delimiters than micromark can match in time is read with them as blanks', () => {
  // 10,000 "*a " ... " a*" pairs took minutes to parse; past the limit they are blanks, same offsets.
  const bomb = `${'*a '.repeat(3000)}x${' a*'.repeat(3000)}`;
  const text = `Meta's CoreWeave deal is worth **$31 billion**. (investors.coreweave.com)\n\n${bomb}\n\n${'['.repeat(2000)}x${'](https://a.example)'.repeat(2000)}\n`;
  const root = parseMarkdown(text);
  const types = new Set<string>();
  const visit = (n: { type: string; children?: unknown[] }): void => {
    types.add(n.type);
    for (const c of n.children ?? []) visit(c as { type: string; children?: unknown[] });
  };
  for (const child of root.children.slice(1)) visit(child);
  assert.ok(!types.has('emphasis') && !types.has('link'), [...types].join(', '));
  // The first paragraph is untouched: its bold figure is still checked.
  assert.deepEqual(checkDocument(text, seedBase()).findings.filter((f) => f.code === 'mismatch').map((f) => f.found), ['$31 billion']);
});

test('February 29 of a common year is read with its year, so its fix replaces the whole date', () => {
  // Read as "29 Feb" alone, the fix made "31 Mar 1900": a new date, reported again.
  const text = 'CoreWeave closed the financing facility on 29 Feb 1900. (investors.coreweave.com)\n';
  const result = checkDocument(text, seedBase());
  const mismatch = result.findings.find((f) => f.code === 'mismatch');
  assert.equal(mismatch?.found, '29 Feb 1900');
  assert.deepEqual(fixProblems(text, seedBase(), result), []);
});
