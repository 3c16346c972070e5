/**
 * How sentences are matched to facts: whose value is whose, what context may supply, and what must
 * never be flagged. Each case states a draft and the findings it must (and must only) produce.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../server/src/engine/check';
import { seedBase } from '../helpers/seed';

/** `line code found->expected` for every scored finding. */
function flagged(markdown: string): string[] {
  return checkDocument(markdown, seedBase())
    .findings.filter((f) => f.code !== 'unsupported')
    .map((f) => `${f.range.start.line + 1} ${f.code}${f.code === 'mismatch' ? ` ${f.found}->${f.expected}` : ''}`);
}

test('each date goes to the party nearest to it, so swapped dates are both caught', () => {
  assert.deepEqual(flagged('Meta announced the NVIDIA partnership on February 24, 2026 and the AMD agreement on February 17, 2026. (about.fb.com)'), [
    '1 mismatch February 24, 2026->February 17, 2026',
    '1 mismatch February 17, 2026->February 24, 2026',
  ]);
  assert.deepEqual(flagged('Meta announced the NVIDIA partnership on February 17, 2026 and the AMD agreement on February 24, 2026. (about.fb.com)'), []);
});

test("a figure about another subject of a named party is not a mismatch (Meta's Scale AI stake)", () => {
  assert.deepEqual(flagged('Meta also holds a $14 billion stake in Scale AI. (about.fb.com)'), []);
  const hints = checkDocument('Meta also holds a $14 billion stake in Scale AI. (about.fb.com)', seedBase()).findings;
  assert.deepEqual(hints.map((f) => [f.code, f.found]), [['unsupported', '$14 billion']]);
});

test('a sentence the paragraph just named the parties for is checked ("The contract now runs through ...")', () => {
  assert.deepEqual(flagged('CoreWeave expanded its Meta deal. (investors.coreweave.com) The contract now runs through December 2030. (investors.coreweave.com)'), [
    '1 mismatch December 2030->December 2032',
  ]);
});

test('context from an earlier paragraph does not carry over', () => {
  assert.deepEqual(flagged('CoreWeave expanded its Meta deal. (investors.coreweave.com)\n\nThe contract now runs through December 2030.\n'), []);
});

test('a value far from any cue is not read against a fact whose parties come only from context', () => {
  assert.deepEqual(flagged('Meta is no longer small. As of April 2026, it is building models, wiring apps and reserving cloud capacity almost seven years out. (about.fb.com)'), []);
});

test('a sentence that states one value of a subject has its other values read against that subject', () => {
  assert.deepEqual(flagged('CoreWeave signed Meta for about $21 billion through December 2032. (investors.coreweave.com)'), []);
  assert.deepEqual(flagged('CoreWeave signed Meta for $12 billion through December 2032. (investors.coreweave.com)'), ['1 mismatch $12 billion->$21 billion']);
});

test('one confirmed value of a fact keeps another value in the sentence from contradicting it', () => {
  assert.deepEqual(flagged("Meta, which paid $14 billion for a stake elsewhere, valued its CoreWeave deal at $21 billion. (investors.coreweave.com)"), []);
});

test('a cited host that names a party stands in for it ("investors.coreweave.com")', () => {
  assert.deepEqual(flagged('Meta paired Muse Spark with a cloud deal worth twelve billion dollars.[^cw]\n\n[^cw]: https://investors.coreweave.com/news\n'), [
    '1 mismatch twelve billion dollars->twenty-one billion dollars',
  ]);
});

test('a paragraph that names no party is still read through the party its citation names', () => {
  assert.deepEqual(flagged('The deal is worth $12B. (investors.coreweave.com)'), ['1 mismatch $12B->$21B']);
  assert.deepEqual(flagged('The deal is worth $21B (investors.coreweave.com).'), []);
});

test('a table row reads as one statement', () => {
  assert.deepEqual(flagged('| Partner | Deal value |\n| --- | --- |\n| CoreWeave deal | $31 billion |\n'), ['3 missing-citation', '3 mismatch $31 billion->$21 billion']);
  assert.deepEqual(flagged('| Plan | Price |\n| --- | --- |\n| Team | $31 billion |\n'), []);
});

test('values in code, links and front matter are never read', () => {
  const doc = '---\nnote: CoreWeave deal worth $12 billion\n---\n\n`CoreWeave deal worth $12 billion`\n\n```\nCoreWeave deal worth $12 billion\n```\n\nSee [CoreWeave](https://example.org/coreweave-deal-12-billion).\n';
  assert.deepEqual(flagged(doc), []);
});

test('a claim without a value needs a citation but is not compared', () => {
  assert.deepEqual(flagged('CoreWeave said the added capacity is for inference workloads.'), ['1 missing-citation']);
  assert.deepEqual(flagged('CoreWeave said the added capacity is for inference workloads. (investors.coreweave.com)'), []);
  assert.deepEqual(flagged('CoreWeave said the added capacity is for inference workloads. (openthemagazine.com)'), ['1 wrong-citation']);
  // A source the fact base does not know may back it: neither wrong nor missing.
  assert.deepEqual(flagged('CoreWeave said the added capacity is for inference workloads. (reuters.com)'), []);
});

test('a hedged round number does not excuse a wrong figure', () => {
  assert.deepEqual(flagged('Meta is reserving cloud capacity about ten years out. (about.fb.com)'), ['1 mismatch ten years->seven years']);
});

test('another party in the sentence makes it about someone else when the fact\'s partner is absent', () => {
  assert.deepEqual(flagged('Microsoft signed a $10 billion agreement with CoreWeave through 2030. (investors.coreweave.com)'), []);
  assert.deepEqual(flagged('Meta signed a $10 billion agreement with CoreWeave through 2030. (investors.coreweave.com)'), [
    '1 mismatch $10 billion->$21 billion',
    '1 mismatch 2030->2032',
  ]);
});

test('a sentence that names its own parties does not inherit the previous sentence\'s', () => {
  const doc = "CoreWeave has 32 data centers. (coreweave.com) Meta's deal with Scale AI, worth $14.3 billion, closed in June 2025.";
  assert.deepEqual(flagged(doc), []);
});

test('the value nearest a fact\'s evidence speaks for it; the others are about something else', () => {
  assert.deepEqual(flagged('CoreWeave said in 2025 that its backlog reached $30 billion, including a $14 billion deal with Meta. (investors.coreweave.com)'), [
    '1 mismatch $14 billion->$21 billion',
  ]);
});

test('a value far from every cue of a fact is not read against it', () => {
  assert.deepEqual(flagged('CoreWeave, which Meta has long relied on for capacity and which now serves many other customers across several regions, reported $3 billion. (investors.coreweave.com)'), []);
});
