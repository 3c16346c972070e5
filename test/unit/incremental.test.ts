/**
 * The incremental checker against the full check: after every step of random edit sequences on the
 * labelled examples, the seed article and a generated draft, its result must deep-equal
 * `checkDocument` of the same text. Edits are drawn from a seeded PRNG, so a failure names the seed,
 * the step and the edit, and replays exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/engine/check';
import { createIncrementalChecker } from '../../server/src/engine/incremental';
import { proposeChunkStarts, referenceCandidates } from '../../server/src/engine/markdown/chunks';
import { generateDraft, pick, prng, seedStatements } from '../bench/generate';
import { REPO_ROOT } from '../helpers/cli';
import { seedBase } from '../helpers/seed';
import { loadWorkspace } from '../../server/src/node/workspace';
import type { FactBase } from '../../server/src/engine/types';

const EXAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'examples');
/** Steps per sequence; raise it (SOURCECHECK_EQUIVALENCE_STEPS=500) for a longer hunt. */
const STEPS = Number(process.env.SOURCECHECK_EQUIVALENCE_STEPS ?? 40);
/** Sequences per document; raise it (SOURCECHECK_EQUIVALENCE_SEEDS=20) likewise. */
const SEEDS = Array.from({ length: Number(process.env.SOURCECHECK_EQUIVALENCE_SEEDS ?? 3) }, (_, i) => i + 1);

/** The seed facts plus facts read from the bridge story's source notes (matched by similarity). */
function notesBase(): FactBase {
  const workspace = loadWorkspace(undefined, { sources: ['test/fixtures/sources/notes/*.md'], sourcesBaseDir: REPO_ROOT });
  assert.ok(workspace.base, workspace.diagnostics.map((d) => d.message).join('; '));
  return workspace.base;
}

function documents(): Array<{ name: string; text: string }> {
  const docs = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(path.join(EXAMPLES, f), 'utf8') }));
  docs.push({ name: 'seed article', text: readFileSync(path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'), 'utf8') });
  docs.push({ name: 'generated draft', text: generateDraft({ size: 6_000, seed: 7, seeds: seedStatements(seedBase()) }) });
  return docs;
}

/** The bridge story's drafts, checked against its source notes. */
function storyDocuments(): Array<{ name: string; text: string }> {
  const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'sources', 'drafts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: `story ${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Lines that open, close or continue the constructs a chunk boundary must respect. */
const LINES = [
  '',
  '',
  '```',
  '```ts',
  '~~~',
  '    indented code with $12 billion',
  '- item about CoreWeave',
  '* another item',
  '1. first',
  '2) second',
  '  continued under a list item',
  '> Meta said the CoreWeave deal is worth $31 billion.',
  '>',
  '<!--',
  '-->',
  '<!-- sourcecheck-disable-next-line -->',
  '<!-- sourcecheck-disable mismatch -->',
  '<!-- sourcecheck-enable -->',
  '<!-- sourcecheck-disable-file wrong-citation -->',
  '<pre>',
  '</pre>',
  '<div>',
  '[^n]: https://investors.coreweave.com/',
  '[^m]: about.fb.com',
  '[ref]: https://about.fb.com/news/',
  '[ref]: https://investors.coreweave.com/',
  '[other]: https://example.org/',
  '| Item | Figure |',
  '| --- | --- |',
  '| CoreWeave deal | $31 billion |',
  '---',
  '===',
  '+++',
  '# CoreWeave',
  'Meta says the CoreWeave agreement runs through December 2033.',
  'See [the filing][ref] on the CoreWeave deal, worth $21 billion.',
  'CoreWeave closed the financing facility.[^n]',
  'Muse Spark powers the Meta AI app.[^m]',
  'Read [this][other].',
  'title: front matter',
];

const FRAGMENTS = [
  ' (investors.coreweave.com)',
  ' (about.fb.com)',
  '(openthemagazine.com)',
  '$21 billion',
  '$12B',
  'December 2033',
  'nine months',
  'twelve months',
  '$8.5bn',
  'February 17, 2026',
  'February 27, 2026',
  'CoreWeave',
  'Meta',
  'NVIDIA',
  '[^n]',
  '[^m]',
  '[ref]',
  '[the filing][ref]',
  '[x](https://about.fb.com/)',
  '`code`',
  '*',
  '**',
  '\\',
  '&amp;',
  '\r\n',
  '\n\n',
  '. ',
];

const CHARS = 'a .\n`*[]()$1->#|<!^:~_\\&\t'.split('');

type Random = () => number;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** One random edit of `text`: the new text and a description for failure messages. */
function edit(text: string, random: Random): { text: string; what: string } {
  const at = Math.floor(random() * (text.length + 1));
  const lineAt = pick(random, lineStarts(text));
  const kind = Math.floor(random() * 9);
  switch (kind) {
    case 0: {
      const ch = pick(random, CHARS);
      return { text: text.slice(0, at) + ch + text.slice(at), what: `insert ${JSON.stringify(ch)} at ${at}` };
    }
    case 1: {
      const length = 1 + Math.floor(random() * 20);
      return { text: text.slice(0, at) + text.slice(at + length), what: `delete ${length} at ${at}` };
    }
    case 2:
    case 3: {
      const line = pick(random, LINES);
      return { text: `${text.slice(0, lineAt)}${line}\n${text.slice(lineAt)}`, what: `insert line ${JSON.stringify(line)} at ${lineAt}` };
    }
    case 4: {
      const fragment = pick(random, FRAGMENTS);
      return { text: text.slice(0, at) + fragment + text.slice(at), what: `insert ${JSON.stringify(fragment)} at ${at}` };
    }
    case 5: {
      const end = text.indexOf('\n', lineAt);
      const stop = end < 0 ? text.length : end + 1;
      return { text: text.slice(0, lineAt) + text.slice(stop), what: `delete the line at ${lineAt}` };
    }
    case 6:
      return { text: `${text.slice(0, lineAt)}\n${text.slice(lineAt)}`, what: `insert a blank line at ${lineAt}` };
    case 7: {
      const fence = pick(random, ['```\n', '~~~~\n', '<!--\n', '-->\n', '---\n', '---\ntitle: x\n---\n', '\uFEFF']);
      const where = random() < 0.3 ? 0 : lineAt;
      return { text: `${text.slice(0, where)}${fence}${text.slice(where)}`, what: `insert ${JSON.stringify(fence)} at ${where}` };
    }
    default: {
      const from = pick(random, lineStarts(text));
      const end = text.indexOf('\n', from);
      const line = text.slice(from, end < 0 ? text.length : end + 1);
      return { text: text.slice(0, lineAt) + line + text.slice(lineAt), what: `copy the line at ${from} to ${lineAt}` };
    }
  }
}

const SEQUENCES: Array<{ doc: { name: string; text: string }; base: () => FactBase }> = [
  ...documents().map((doc) => ({ doc, base: seedBase })),
  ...storyDocuments().map((doc) => ({ doc, base: notesBase })),
];

for (const { doc, base: baseOf } of SEQUENCES) {
  for (const seed of SEEDS) {
    test(`incremental equals full after random edits: ${doc.name}, seed ${seed}`, () => {
      const base = baseOf();
      const random = prng(seed * 7919 + doc.text.length);
      const checker = createIncrementalChecker(base);
      let text = doc.text;
      assert.deepStrictEqual(checker.update(text), checkDocument(text, base), `${doc.name} seed ${seed}: initial text`);
      const history: string[] = [];
      for (let step = 0; step < STEPS; step++) {
        const next = edit(text, random);
        text = next.text;
        history.push(next.what);
        const incremental = checker.update(text);
        const full = checkDocument(text, base);
        assert.deepStrictEqual(incremental, full, `${doc.name} seed ${seed} step ${step}: ${history.slice(-5).join('; ')}\n--- text ---\n${text}`);
      }
    });
  }
}

test('incremental equals full with check options and after a reset to another document', () => {
  const base = seedBase();
  const options = { severities: { 'missing-citation': 'error', unsupported: 'off' }, citationStyle: 'footnote' } as const;
  const checker = createIncrementalChecker(base, options);
  for (const doc of documents()) {
    assert.deepStrictEqual(checker.update(doc.text), checkDocument(doc.text, base, options), doc.name);
  }
});

test('a one-character edit re-parses and re-analyses only the chunk it touches', () => {
  const base = seedBase();
  const text = generateDraft({ size: 20_000, seed: 11, seeds: seedStatements(base) });
  const checker = createIncrementalChecker(base);
  checker.update(text);
  assert.ok(checker.stats.chunks > 20, `the draft splits into many chunks (${checker.stats.chunks})`);
  const middle = text.indexOf('\n\n', text.length >> 1) - 1;
  const edited = `${text.slice(0, middle)}x${text.slice(middle)}`;
  assert.deepStrictEqual(checker.update(edited), checkDocument(edited, base));
  assert.equal(checker.stats.parsed, 1, 'one chunk parsed');
  assert.equal(checker.stats.analyzed, 1, 'one chunk analysed');
  checker.update(edited);
  assert.equal(checker.stats.parsed, 0, 'an unchanged text parses nothing');
});

test('a chunk citing a footnote and a reference defined in other chunks resolves both', () => {
  const base = seedBase();
  // The first chunk's stand-ins follow it, the others' precede it; a reference definition right
  // after a footnote definition would read as the footnote's text.
  for (const lead of ['', '# Title\n\n']) {
    const text = `${lead}Muse Spark powers the Meta AI app.[^m] CoreWeave's deal is worth $31 billion, per [the filing][ref].\n\nOther prose.\n\n[^m]: about.fb.com\n\n[ref]: https://investors.coreweave.com/\n`;
    const full = checkDocument(text, base);
    assert.deepStrictEqual(createIncrementalChecker(base).update(text), full, JSON.stringify(lead));
    assert.ok(full.statements.some((s) => s.citedSources.includes('investors.coreweave.com')));
    assert.ok(full.statements.some((s) => s.citedSources.includes('about.fb.com')));
  }
});

test('identical paragraphs at several places each keep their own offsets as the text around them moves', () => {
  const base = seedBase();
  const same = 'CoreWeave said its Meta deal is worth $31 billion. (about.fb.com)\n\n';
  const checker = createIncrementalChecker(base);
  let text = `# Title\n\n${same}Between.\n\n${same}${same}`;
  for (const insert of ['', 'More words. ', '\n\nA new paragraph.', same]) {
    text = `# Title\n\n${insert}${text.slice('# Title\n\n'.length)}`;
    const result = checker.update(text);
    assert.deepStrictEqual(result, checkDocument(text, base));
    assert.ok(result.findings.filter((f) => f.code === 'mismatch').length >= 3);
  }
});

test('a new definition re-resolves the citations that name it, in chunks that did not change', () => {
  const base = seedBase();
  const checker = createIncrementalChecker(base);
  const draft = "CoreWeave's deal is worth about $21 billion, says [the filing][ir].\n\nOther prose.\n";
  const before = checker.update(draft);
  assert.ok(before.findings.some((f) => f.code === 'missing-citation'), 'undefined reference: not a citation');
  const defined = `${draft}\n[ir]: https://investors.coreweave.com/\n`;
  const after = checker.update(defined);
  assert.deepStrictEqual(after, checkDocument(defined, base));
  assert.ok(!after.findings.some((f) => f.code === 'missing-citation'), 'the reference now cites the source');
  // Redirected to a source the fact base knows that does not back the deal value.
  const redirected = defined.replace('https://investors.coreweave.com/', 'https://www.openthemagazine.com/');
  assert.deepStrictEqual(checker.update(redirected), checkDocument(redirected, base));
  assert.ok(checker.update(redirected).findings.some((f) => f.code === 'wrong-citation'));
});

test('a boundary the line scan proposes inside a construct it misread is found open and merged away', () => {
  const base = seedBase();
  // The scan takes the fence line inside the `<div>` block for an opening fence, then the real
  // opening fence for its close, and proposes a boundary inside real code. (`<pre>`, which runs
  // across blank lines, the scan does follow.)
  const misreads = [
    '<div>\n```\n</div>\n\nPara one.\n\n```\ncode\n\nCoreWeave said its Meta deal is worth $31 billion.\n```\n\nPara two.\n',
    '<pre>\n~~~\n</pre>\n\n~~~\nCoreWeave said its Meta deal is worth $31 billion.\n\nCoreWeave said its Meta deal is worth $31 billion.\n~~~\n',
  ];
  for (const text of misreads) {
    const full = checkDocument(text, base);
    assert.deepStrictEqual(full.findings, [], 'the figure is inside code');
    assert.deepStrictEqual(createIncrementalChecker(base).update(text), full);
  }
});

test('chunk starts: blank-line separated top-level blocks, never inside fences, HTML blocks, lists or front matter', () => {
  const text = [
    '---', 'title: a', '', 'b: c', '---', '', // 0-5: front matter with a blank line
    'Para one.', '', // 6-7
    '```', 'code', '', 'more code', '```', '', // 8-13
    '- item', '', '- item two', '', '  continued', '', // 14-19: a list marker never starts a chunk
    '<!--', '', 'comment', '-->', '', // 20-24
    '    indented', '', // 25-26
    'Para two.', '', // 27-28
    '> quote', '', // 29-30
    'Last.', // 31
  ].join('\n');
  const lines = lineStarts(text);
  const startLines = proposeChunkStarts(text).map((offset) => lines.indexOf(offset));
  assert.deepStrictEqual(startLines, [0, 6, 8, 20, 27, 29, 31]);
});

test('reference candidates: every bracketed label, with and without a caret, normalised', () => {
  assert.deepStrictEqual([...referenceCandidates('See [The  Filing][IR] and[^Note].')].sort(), ['^note', 'ir', 'note', 'the filing']);
  assert.equal(referenceCandidates('no brackets here').size, 0);
});
