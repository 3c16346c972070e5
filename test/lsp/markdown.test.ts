/**
 * Hover escaping against hostile fact files: whatever a quote or name holds must render as the same
 * literal text. The produced Markdown is parsed with CommonMark + GFM (remark) and must contain only
 * text, except for the links the server builds itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { escapeMarkdown, markdownLink, safeHttpUrl } from '../../server/src/lsp/markdown';
import { statementMarkdown } from '../../server/src/lsp/hover';
import type { FactBase, Fact, Source } from '../../server/src/engine/types';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](command:workbench.action.terminal.new)',
  '[x]: command:evil "title"',
  '![img](https://evil.example/pixel.png)',
  '*bold* _em_ **strong** ~~strike~~ `code`',
  '# heading\n## another\n> quote\n- item\n1. item\n---\n```js\nfence\n```',
  'a | b | c\n--|--|--\n1 | 2 | 3',
  'https://evil.example/auto www.evil.example <https://evil.example> mailto:a@b.c',
  '&lt;script&gt; &amp; &#x3C;b&#x3E; &copy;',
  'back\\slash \\*not em\\* trailing\\',
  '{braces} (parens) +plus -minus !bang #hash |pipe',
  'line one\r\nline two\u2028line three\ttab',
  '$21 billion, about 50% — “quotes” and \'apostrophes\'',
  '<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>',
  '[^1] footnote[^note]\n\n[^note]: defined',
];

/** Every node kind in a tree. */
function kinds(node: Nodes, out = new Set<string>()): Set<string> {
  out.add(node.type);
  if ('children' in node) for (const child of node.children) kinds(child as Nodes, out);
  return out;
}

/** The literal text a reader sees. */
function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

for (const input of HOSTILE) {
  test(`escapeMarkdown renders literally: ${JSON.stringify(input).slice(0, 50)}`, () => {
    const escaped = escapeMarkdown(input);
    assert.doesNotMatch(escaped, /[<>\n\r]/, 'no raw angle brackets or line breaks');
    const tree: Root = parseMarkdown(escaped);
    assert.deepEqual([...kinds(tree)].sort(), ['paragraph', 'root', 'text'].filter((k) => k !== 'paragraph' || escaped.trim() !== ''));
    const flat = input.replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ');
    assert.equal(textOf(tree).replace(/\u2060/g, '').trim(), flat.trim());
  });
}

test('only http(s) URLs become links', () => {
  assert.equal(safeHttpUrl('https://about.fb.com/news/'), 'https://about.fb.com/news/');
  assert.equal(safeHttpUrl('http://example.com/a b'), 'http://example.com/a%20b');
  assert.equal(safeHttpUrl('https://example.com/x_(y)'), 'https://example.com/x_%28y%29');
  for (const bad of ['command:workbench.action.terminal.new', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>', 'vscode://x', 'about.fb.com', '', ' ']) {
    assert.equal(safeHttpUrl(bad), undefined, bad);
    assert.doesNotMatch(markdownLink('label', bad), /\]\(/, bad);
  }
  assert.equal(markdownLink('Meta [Newsroom]', 'https://about.fb.com/) [x](command:y'), '[Meta \\[Newsroom\\]](https://about.fb.com/%29%20[x]%28command:y)');
});

test('a hover built from a hostile fact base holds only text and the one safe link', () => {
  const source: Source = { id: 'evil.example', name: '<b>Evil</b> [x](command:y)', url: 'https://evil.example/page', domains: ['evil.example'] };
  const commandSource: Source = { id: 'cmd.example', name: 'Command', url: 'command:workbench.action.terminal.new', domains: ['cmd.example'] };
  const fact = {
    id: 'hostile-fact',
    quote: { text: '<script>alert(1)</script> [click](command:evil) *x*', documentId: 'd', documentPath: '/d', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    sources: ['evil.example', 'cmd.example'],
  } as unknown as Fact;
  const base = {
    facts: [fact],
    factsById: new Map([[fact.id, fact]]),
    parties: new Map(),
    sources: new Map([[source.id, source], [commandSource.id, commandSource]]),
    documents: new Map(),
  } as FactBase;
  const markdown = statementMarkdown({ range: fact.quote.range, sentence: fact.quote.range, factId: fact.id, verdict: 'mismatch', found: '<i>1</i>', expected: '[2](command:z)', citedSources: [] }, base);
  const tree = parseMarkdown(markdown);
  const links: string[] = [];
  const visit = (node: Nodes): void => {
    assert.ok(!['html', 'image', 'linkReference', 'imageReference', 'definition', 'code', 'inlineCode'].includes(node.type), `no ${node.type}`);
    if (node.type === 'link') links.push(node.url);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  assert.deepEqual(links, ['https://evil.example/page']);
  assert.ok(textOf(tree).includes('<script>alert(1)</script> [click](command:evil) *x*'));
  assert.ok(textOf(tree).includes('<b>Evil</b> [x](command:y)'));
  assert.ok(textOf(tree).includes('[2](command:z)'));
});
