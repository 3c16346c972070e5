import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { buildDocumentModel } from '../../server/src/engine/markdown/blocks';

function model(markdown: string) {
  return buildDocumentModel(markdown, parseMarkdown(markdown));
}

test('maps every plain character back to its source offset through escapes and entities', () => {
  const source = 'Worth \\$21 billion &amp; more **bold $8.5bn** here.';
  const block = model(source).blocks[0];
  assert.ok(block);
  assert.equal(block.text, 'Worth $21 billion & more bold $8.5bn here.');
  for (let i = 0; i < block.text.length; i++) {
    const ch = block.text[i] as string;
    const at = block.map.at(i) as number;
    if (ch === '&') assert.equal(source.slice(at, at + 5), '&amp;');
    else assert.equal(source[at], ch, `plain ${i} (${ch}) maps to source ${at}`);
  }
});

test('text around bare URLs and emails (GFM autolink literals, which carry no positions) keeps exact offsets', () => {
  // After an unclosed bracket, the literals are found by a tree transform that drops positions.
  const source = '> Intro line\n> see [draft https://example.org/a and www.example.com, or ask a@b.co: worth $21 billion.';
  const block = model(source).blocks[0];
  assert.ok(block);
  assert.equal(block.text, 'Intro line see [draft   and  , or ask  : worth $21 billion.');
  for (let i = 0; i < block.text.length; i++) {
    const ch = block.text[i] as string;
    if (ch !== ' ') assert.equal(source[block.map.at(i) as number], ch, `plain ${i} (${ch}) maps to source ${block.map.at(i)}`);
  }
  assert.deepEqual(block.links.map((l) => source.slice(l.start, l.end)), ['https://example.org/a', 'www.example.com', 'a@b.co']);
});

test('skips code, front matter, HTML and link destinations but keeps link text', () => {
  const source = '---\ntitle: $12 billion\n---\n\nSee [the deal](https://x.org/12-billion) and `$12 billion`.\n\n```\n$12 billion\n```\n\n<div>$12 billion</div>\n';
  const m = model(source);
  assert.deepEqual(m.blocks.map((b) => b.text), ['See the deal and  .']);
});

test('continuation lines in lists and block quotes keep exact offsets', () => {
  const source = '> Meta said\n> CoreWeave agreed.\n\n- one\n  two';
  const m = model(source);
  const [quote, item] = m.blocks;
  assert.ok(quote && item);
  assert.equal(quote.text, 'Meta said CoreWeave agreed.');
  assert.equal(source.slice(quote.map.at(10) as number, (quote.map.at(18) as number) + 1), 'CoreWeave');
  assert.equal(item.text, 'one two');
  assert.equal(source[item.map.at(4) as number], 't');
});

test('table rows are blocks; HTML comments are collected for suppression', () => {
  const m = model('| a | b |\n| - | - |\n| $1 | x |\n\n<!-- sourcecheck-disable -->\n\nText <!-- inline --> here.');
  assert.deepEqual(m.blocks.map((b) => b.text), ['a | b', '$1 | x', 'Text  here.']);
  assert.deepEqual(m.comments.map((c) => c.value.trim()), ['sourcecheck-disable', 'inline']);
});

test('footnote definitions and reference definitions are collected, not checked as prose', () => {
  const m = model('Text.[^1]\n\n[^1]: https://about.fb.com/news/ says $12 billion\n\n[r]: https://r.example/');
  assert.deepEqual(m.blocks.map((b) => b.text), ['Text.']);
  assert.deepEqual(m.footnotes.get('1')?.urls, ['https://about.fb.com/news/']);
  assert.equal(m.definitions.get('r'), 'https://r.example/');
});
