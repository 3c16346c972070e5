import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { buildDocumentModel } from '../../server/src/engine/markdown/blocks';
import { blockCitations, citeSentences, findParentheticals, hostMatches, hostOf } from '../../server/src/engine/citations';
import { splitSentences } from '../../server/src/engine/text/sentences';

const known = new Set(['about.fb.com', 'investors.coreweave.com']);

/** For each sentence of the first block: its text and the hosts covering it. */
function coverage(markdown: string): Array<[string, string[]]> {
  const model = buildDocumentModel(markdown, parseMarkdown(markdown));
  const block = model.blocks[0];
  assert.ok(block, 'expected a block');
  const cited = citeSentences(block.text, splitSentences(block.text), blockCitations(block, model, known));
  return cited.map((s) => [block.text.slice(s.plain.start, s.plain.end), s.coveredBy.flatMap((c) => c.hosts)]);
}

test('recognises domain parentheticals, several in one, and rejects look-alikes', () => {
  assert.deepEqual(findParentheticals('x (about.fb.com) y', known).map((p) => p.hosts), [['about.fb.com']]);
  assert.deepEqual(findParentheticals('x (a.com; www.b.org) y', known).map((p) => p.hosts), [['a.com', 'b.org']]);
  assert.deepEqual(findParentheticals('built on (Node.js) and (e.g. this) and (3.2.0)', known), []);
  assert.deepEqual(findParentheticals('see (source: reuters.com)', known).map((p) => p.hosts), [['reuters.com']]);
});

test('a citation after the final punctuation covers the uncited sentences before it, back to the previous citation', () => {
  const cov = coverage('One is cited. (a.com) Two says Meta. Three says more. (about.fb.com) Four is bare.');
  assert.deepEqual(cov, [
    ['One is cited.', ['a.com']],
    ['Two says Meta.', ['about.fb.com']],
    ['Three says more.', ['about.fb.com']],
    ['Four is bare.', []],
  ]);
});

test('a citation inside a sentence covers only that sentence', () => {
  const cov = coverage('First is bare. The deal is worth $21B (investors.coreweave.com).');
  assert.deepEqual(cov, [
    ['First is bare.', []],
    ['The deal is worth $21B (investors.coreweave.com).', ['investors.coreweave.com']],
  ]);
});

test('soft line breaks do not end a citation paragraph; two trailing citations both count', () => {
  const cov = coverage('Meta paired a model\nwith a deal. It is big. (about.fb.com) (investors.coreweave.com)');
  assert.deepEqual(cov[0], ['Meta paired a model with a deal.', ['about.fb.com', 'investors.coreweave.com']]);
  assert.deepEqual(cov[1], ['It is big.', ['about.fb.com', 'investors.coreweave.com']]);
});

test('inline links, reference links, autolinks and footnotes are citations', () => {
  assert.deepEqual(coverage('Said by [Open](https://www.openthemagazine.com/).')[0]?.[1], ['openthemagazine.com']);
  assert.deepEqual(coverage('Said by [Open][o].\n\n[o]: https://open.example.org/x')[0]?.[1], ['open.example.org']);
  assert.deepEqual(coverage('Read https://about.fb.com/news/ now.')[0]?.[1], ['about.fb.com']);
  assert.deepEqual(coverage('It powers the app.[^1]\n\n[^1]: https://about.fb.com/news/')[0]?.[1], ['about.fb.com']);
  assert.deepEqual(coverage('It powers the app.[^n]\n\n[^n]: Meta newsroom, about.fb.com')[0]?.[1], ['about.fb.com']);
});

test('a link with a non-http scheme is not a citation', () => {
  assert.deepEqual(coverage('Click [here](javascript:alert(1)).')[0]?.[1], []);
});

test('hosts compare without www and across subdomains', () => {
  assert.equal(hostOf('https://www.openthemagazine.com/x'), 'openthemagazine.com');
  assert.equal(hostOf('command:workbench.action.quit'), undefined);
  assert.ok(hostMatches('news.about.fb.com', 'about.fb.com'));
  assert.ok(!hostMatches('fb.com.evil.org', 'about.fb.com'));
});
