import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedValue } from '../../server/src/engine/api';
import { loadFactBase } from '../../server/src/engine/factbase/load';
import { DOC_PATH, DOC_TEXT, FACTS_PATH, VALID, expectOneError, load, memoryHost, pos, span, variant } from './factbase-helpers';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Loads one fact file at {@link FACTS_PATH}. */
function loadOne(text: string, docs?: Record<string, string>) {
  return load({ [FACTS_PATH]: text }, docs);
}

// --- YAML syntax -------------------------------------------------------------------------------

test('a YAML syntax error is located where yaml finds it, and no base is returned', () => {
  const text = variant('    parties: [coreweave]\n', '    parties: [coreweave\n');
  const { base, diagnostics } = loadOne(text);
  assert.equal(base, undefined);
  expectOneError(diagnostics, 'Flow sequence in block collection must be sufficiently indented and end with a ]', pos(text, 'alsoAbout'));
  assert.equal(diagnostics[0]?.file, FACTS_PATH);
});

test('a tab used as indentation is located at the tab', () => {
  const text = variant('    name: Meta newsroom', '\tname: Meta newsroom');
  const { diagnostics } = loadOne(text);
  const tab = diagnostics.find((d) => d.message.includes('Tabs are not allowed'));
  assert.deepEqual(tab?.range.start, pos(text, '\tname'));
});

test('a key given twice in one mapping is a located error naming the key', () => {
  const text = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    cues: [again]\n');
  expectOneError(loadOne(text).diagnostics, "duplicate key 'cues'", pos(text, 'cues: [again]'));
});

test('a second YAML document in the file is an error at the second document', () => {
  const text = `${VALID}---\nversion: 1\n`;
  expectOneError(loadOne(text).diagnostics, 'expected a single YAML document', pos(text, '---'));
});

// --- wrong types -------------------------------------------------------------------------------

test('value that is not a string', () => {
  const text = variant('    value: about $21 billion', '    value: 21');
  expectOneError(loadOne(text).diagnostics, 'value: expected a string, found the number 21', span(text, 'value: 21', '21'));
});

test('parties that is not a list', () => {
  const text = variant('    parties: [coreweave]', '    parties: coreweave');
  const e = expectOneError(loadOne(text).diagnostics, 'parties: expected a list of strings, found "coreweave"', span(text, 'parties: coreweave', 'coreweave'));
  assert.match(e.message, /write \[coreweave\]/);
});

test('minCues that is not a positive integer', () => {
  const text = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    minCues: two\n');
  expectOneError(loadOne(text).diagnostics, 'minCues: expected a positive integer, found "two"', span(text, 'minCues: two', 'two'));
  const zero = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    minCues: 0\n');
  expectOneError(loadOne(zero).diagnostics, 'minCues: expected a positive integer, found the number 0', span(zero, 'minCues: 0', '0'));
});

test('a list item of the wrong type is located at the item', () => {
  const text = variant('    cues: [rebuilt, stack]', '    cues: [rebuilt, [stack]]');
  expectOneError(loadOne(text).diagnostics, 'cues[1]: expected a string, found a list', span(text, '[rebuilt, [stack]]', '[stack]'));
});

test('a key without a value is reported at the key', () => {
  const text = variant('    statement: Meta Superintelligence Labs rebuilt Meta\'s AI stack over nine months.', '    statement:');
  expectOneError(loadOne(text).diagnostics, 'statement: expected a string, found nothing', span(text, '    statement:\n', 'statement'));
});

test('an empty list where one item is required', () => {
  const text = variant('    sources: [about.fb.com]', '    sources: []');
  expectOneError(loadOne(text).diagnostics, 'sources: must list at least one item', span(text, 'sources: []', '[]'));
});

test('examples must be a mapping of pass and fail lists', () => {
  const text = variant("      pass: [Meta's CoreWeave deal is worth about $21 billion.]\n", '      pas: [x]\n');
  expectOneError(loadOne(text).diagnostics, "unknown key 'pas' in examples; did you mean 'pass'?", span(text, 'pas: [x]', 'pas'));
  const list = variant(
    "    examples:\n      pass: [Meta's CoreWeave deal is worth about $21 billion.]\n      fail: [Meta's CoreWeave deal is worth $12 billion.]\n",
    '    examples: [a, b]\n',
  );
  expectOneError(loadOne(list).diagnostics, 'examples: expected a mapping, found a list', span(list, 'examples: [a, b]', '[a, b]'));
});

test('a party name with surrounding whitespace can never match and is an error', () => {
  const text = variant('    names: [CoreWeave]', "    names: ['CoreWeave ']");
  expectOneError(loadOne(text).diagnostics, 'must not start or end with whitespace', span(text, "'CoreWeave '"));
});

test('version must be the number 1', () => {
  const two = variant('version: 1', 'version: 2');
  expectOneError(loadOne(two).diagnostics, 'unsupported fact file version 2', span(two, 'version: 2', '2'));
  const str = variant('version: 1', 'version: one');
  expectOneError(loadOne(str).diagnostics, 'version: expected the number 1, found "one"', span(str, 'version: one', 'one'));
  const missing = variant('version: 1\n', '');
  expectOneError(loadOne(missing).diagnostics, "missing required key 'version' in the fact file", pos(missing, 'documents'));
});

// --- unknown and missing keys ------------------------------------------------------------------

test('an unknown key in a fact, with a suggestion', () => {
  const text = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    sorces: [x]\n');
  expectOneError(loadOne(text).diagnostics, "unknown key 'sorces' in a fact; did you mean 'sources'?", span(text, 'sorces'));
});

test('an unknown key without a near match lists the allowed keys', () => {
  const text = variant('    names: [CoreWeave]\n', '    names: [CoreWeave]\n    ticker: CRWV\n');
  expectOneError(loadOne(text).diagnostics, "unknown key 'ticker' in a party (allowed: id, names, partOf)", span(text, 'ticker'));
});

test('an unknown top-level key', () => {
  const text = variant('facts:\n', 'fcats:\n');
  expectOneError(loadOne(text).diagnostics, "unknown key 'fcats' in the fact file; did you mean 'facts'?", span(text, 'fcats'));
});

test('a missing required key is reported at the first line of its mapping', () => {
  const text = variant('    quote: rebuilt its stack over the last nine months\n', '');
  expectOneError(loadOne(text).diagnostics, "missing required key 'quote' in a fact", span(text, '  - id: msl-rebuild-duration', 'id: msl-rebuild-duration'));
});

test('a fact id outside [a-z0-9-] is an error at the id', () => {
  const text = variant('  - id: msl-rebuild-duration', '  - id: MSL rebuild');
  expectOneError(loadOne(text).diagnostics, 'fact ids are lowercase letters, digits and hyphens', span(text, 'MSL rebuild'));
});

// --- duplicates --------------------------------------------------------------------------------

test('a duplicate fact id within a file is reported at the second, naming the first', () => {
  const text = variant('  - id: msl-rebuild-duration', '  - id: coreweave-deal-value');
  const first = pos(text, 'coreweave-deal-value');
  expectOneError(
    loadOne(text).diagnostics,
    `duplicate fact id 'coreweave-deal-value' (first defined at facts.yaml:${first.line + 1}:${first.character + 1})`,
    span(text, '  - id: coreweave-deal-value\n    statement: Meta Super', 'coreweave-deal-value'),
  );
});

test('duplicate fact and party ids across files are reported in the second file', () => {
  const second = `version: 1
parties:
  - id: meta
    names: [Meta]
facts:
  - id: coreweave-deal-value
    statement: Again.
    parties: [meta]
    cues: [again, more]
    sources: [about.fb.com]
    quote: Deal news
    document: article
`;
  const { base, diagnostics } = load({ [FACTS_PATH]: VALID, '/ws/other/more.yaml': second });
  assert.equal(base, undefined);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 2, JSON.stringify(errors));
  const party = pos(VALID, 'id: meta');
  const fact = pos(VALID, 'coreweave-deal-value');
  assert.deepEqual(errors[0], {
    file: '/ws/other/more.yaml',
    range: span(second, 'id: meta', 'meta'),
    severity: 'error',
    message: `duplicate party id 'meta' (first defined at facts.yaml:${party.line + 1}:${party.character + 5})`,
  });
  assert.deepEqual(errors[1], {
    file: '/ws/other/more.yaml',
    range: span(second, 'coreweave-deal-value'),
    severity: 'error',
    message: `duplicate fact id 'coreweave-deal-value' (first defined at facts.yaml:${fact.line + 1}:${fact.character + 1})`,
  });
});

test('duplicate source and document ids across files; files with the same base name are named in full', () => {
  const second = 'version: 1\ndocuments:\n  article: article.txt\nsources:\n  - id: about.fb.com\n    url: https://about.fb.com/\n';
  const { diagnostics } = load({ [FACTS_PATH]: VALID, '/ws/other/facts.yaml': second });
  const messages = diagnostics.map((d) => d.message);
  const doc = pos(VALID, 'article:');
  const src = pos(VALID, 'about.fb.com');
  assert.deepEqual(messages, [
    `duplicate document id 'article' (first defined at ${FACTS_PATH}:${doc.line + 1}:${doc.character + 1})`,
    `duplicate source id 'about.fb.com' (first defined at ${FACTS_PATH}:${src.line + 1}:${src.character + 1})`,
  ]);
  assert.deepEqual(diagnostics[0]?.range, span(second, 'article'));
  assert.deepEqual(diagnostics[1]?.range, span(second, 'about.fb.com'));
});

// --- references --------------------------------------------------------------------------------

test('an unknown party reference is located at the item, with a suggestion', () => {
  const text = variant('    parties: [coreweave]', '    parties: [corewave]');
  expectOneError(loadOne(text).diagnostics, "unknown party 'corewave'; did you mean 'coreweave'?", span(text, 'corewave'));
  const also = variant('    alsoAbout: [meta]', '    alsoAbout: [meta, nvidia]');
  expectOneError(loadOne(also).diagnostics, "unknown party 'nvidia'", span(also, 'nvidia'));
});

test('an unknown source reference is located at the item', () => {
  const text = variant('    sources: [about.fb.com]', '    sources: [about.meta.com]');
  expectOneError(loadOne(text).diagnostics, "unknown source 'about.meta.com'", span(text, 'about.meta.com'));
});

test('an unknown document reference', () => {
  const text = variant('    quote: rebuilt its stack', '    document: artcle\n    quote: rebuilt its stack');
  expectOneError(loadOne(text).diagnostics, "unknown document 'artcle'; did you mean 'article'?", span(text, 'artcle'));
});

test('a fact must name its document when the file does not declare exactly one', () => {
  const text = variant('  article: article.txt\n', '  article: article.txt\n  other: other.txt\n');
  const { diagnostics } = loadOne(text, { [DOC_PATH]: DOC_TEXT, '/ws/facts/other.txt': 'x' });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 2);
  assert.match(errors[0]?.message ?? '', /missing 'document': this file declares 2 documents/);
  assert.deepEqual(errors[0]?.range, span(text, '  - id: coreweave-deal-value', 'id: coreweave-deal-value'));
});

// --- quotes and documents ----------------------------------------------------------------------

test('a quote that is not in the document is an error at the quote', () => {
  const text = variant('    quote: rebuilt its stack over the last nine months', '    quote: rebuilt its stack over the last ten months');
  expectOneError(
    loadOne(text).diagnostics,
    'quote not found verbatim in article.txt: "rebuilt its stack over the last ten months"',
    span(text, 'rebuilt its stack over the last ten months'),
  );
});

test('a quote that differs only in case or spacing says so', () => {
  const text = variant('    quote: rebuilt its stack over the last nine months', '    quote: Rebuilt its  stack over the last nine months');
  const e = expectOneError(loadOne(text).diagnostics, 'quote not found verbatim', span(text, 'Rebuilt its  stack over the last nine months'));
  assert.match(e.message, /near match differs only in case, spacing or quote marks/);
});

test('a long missing quote is truncated in the message', () => {
  const long = `${'word '.repeat(60)}end`;
  const text = variant('    quote: rebuilt its stack over the last nine months', `    quote: ${long}`);
  const e = expectOneError(loadOne(text).diagnostics, 'quote not found verbatim in article.txt: "word word', span(text, long));
  assert.ok(e.message.length < 160, e.message);
  assert.match(e.message, /…"$/);
});

test('a document the host cannot read is an error at its path, with the host message, and nothing cascades', () => {
  const { base, diagnostics } = loadOne(VALID, {});
  assert.equal(base, undefined);
  expectOneError(diagnostics, "cannot read document 'article' (article.txt): ENOENT: no such file or directory", span(VALID, 'article: article.txt', 'article.txt'));
});

test('a binary document is refused at its path', () => {
  const { diagnostics } = loadOne(VALID, { [DOC_PATH]: 'PK\u0003\u0004\u0000\u0000' });
  expectOneError(diagnostics, "document 'article' (article.txt): not a text file", span(VALID, 'article: article.txt', 'article.txt'));
});

// --- values ------------------------------------------------------------------------------------

test('an unparsable value is an error at the scalar with the parser\'s reason', () => {
  const text = variant('    value: about $21 billion', '    value: a great deal of money');
  expectOneError(
    loadOne(text).diagnostics,
    'value: cannot read "a great deal of money": no money, date, duration or ordinal here',
    span(text, 'a great deal of money'),
  );
});

test('a value parser that throws is reported at the value, not propagated', () => {
  const parseValue = (): ParsedValue => {
    throw new Error('parser exploded');
  };
  const { base, diagnostics } = loadFactBase([{ path: FACTS_PATH, text: VALID }], memoryHost({ [DOC_PATH]: DOC_TEXT }), { parseValue });
  assert.equal(base, undefined);
  expectOneError(diagnostics, 'value: cannot read "about $21 billion": parser exploded', span(VALID, 'value: about $21 billion', 'about $21 billion'));
});

test('tolerance needs a value, and must be a percentage or a number', () => {
  const noValue = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    tolerance: 5%\n');
  expectOneError(loadOne(noValue).diagnostics, 'only a fact with a value can have a tolerance', span(noValue, 'tolerance: 5%', 'tolerance', 1));
  const bad = variant('    tolerance: 5%', '    tolerance: five percent');
  expectOneError(loadOne(bad).diagnostics, 'tolerance: expected a percentage such as "5%"', span(bad, 'five percent'));
  const negative = variant('    tolerance: 5%', '    tolerance: -3');
  expectOneError(loadOne(negative).diagnostics, 'tolerance: expected a non-negative number', span(negative, 'tolerance: -3', '-3'));
});

test('a percentage tolerance does not apply to a date', () => {
  const text = variant('    value: about $21 billion\n    tolerance: 5%', '    value: December 2032\n    tolerance: 5%');
  expectOneError(loadOne(text).diagnostics, 'a percentage does not apply to a date', span(text, 'tolerance: 5%', '5%'));
});

// --- urls --------------------------------------------------------------------------------------

for (const url of ['javascript:alert(1)', 'command:workbench.action.x', 'file:///etc/passwd', 'data:text/html,<script>x</script>']) {
  test(`a source url that is not http(s) is refused: ${url}`, () => {
    const text = variant('    url: https://about.fb.com/news/', `    url: "${url}"`);
    expectOneError(loadOne(text).diagnostics, 'url: only http and https links are allowed', span(text, `"${url}"`));
  });
}

test('a source url that is not a URL at all', () => {
  const text = variant('    url: https://about.fb.com/news/', '    url: about.fb.com/news');
  expectOneError(loadOne(text).diagnostics, 'url: not a valid URL: "about.fb.com/news"', span(text, 'about.fb.com/news'));
});

test('an alias that is not a domain name', () => {
  const text = variant('    aliases: [coreweave.com, WWW.CoreWeave.net]', '    aliases: [coreweave.com, "https://x.com/"]');
  expectOneError(loadOne(text).diagnostics, 'aliases: expected a domain name such as example.com', span(text, '"https://x.com/"'));
});

// --- the file as a whole -----------------------------------------------------------------------

test('an empty or comment-only file is an error at 0:0', () => {
  for (const text of ['', '\n\n', '# nothing here yet\n']) {
    const { base, diagnostics } = loadOne(text);
    assert.equal(base, undefined);
    expectOneError(diagnostics, 'fact file is empty', ZERO);
  }
});

test('a top-level list instead of a mapping', () => {
  const text = '- id: coreweave-deal-value\n  statement: x\n';
  expectOneError(loadOne(text).diagnostics, 'a fact file must be a mapping with version, documents, sources, parties and facts; found a list', span(text, '- id: coreweave-deal-value'));
});

test('a top-level scalar instead of a mapping', () => {
  expectOneError(loadOne('just some text').diagnostics, 'found "just some text"', span('just some text', 'just some text'));
});

test('a file with NUL bytes is not a text file: one diagnostic at 0:0', () => {
  const { base, diagnostics } = loadOne(`${VALID}\u0000\u0000garbage`);
  assert.equal(base, undefined);
  assert.equal(diagnostics.length, 1);
  expectOneError(diagnostics, 'not a text file', ZERO);
});

test('a file with U+FFFD replacement characters was decoded badly: one diagnostic at 0:0', () => {
  const { diagnostics } = loadOne(variant('Meta newsroom', 'Meta \uFFFD newsroom'));
  assert.equal(diagnostics.length, 1);
  expectOneError(diagnostics, 'not a text file', ZERO);
});

test('a file over 5 MB is refused before parsing: one diagnostic at 0:0', () => {
  const big = `${VALID}# ${'x'.repeat(5 * 1024 * 1024)}\n`;
  const { diagnostics } = loadOne(big);
  assert.equal(diagnostics.length, 1);
  expectOneError(diagnostics, 'larger than 5 MB', ZERO);
  // Multi-byte text counts in UTF-8 bytes: 2 million 3-byte characters is about 6 MB.
  const wide = loadOne(`${VALID}# ${'€'.repeat(2_000_000)}\n`);
  expectOneError(wide.diagnostics, 'larger than 5 MB', ZERO);
  const justUnder = loadOne(`${VALID}# ${'€'.repeat(1_500_000)}\n`);
  assert.deepEqual(justUnder.diagnostics, []);
});

test('a billion-laughs alias bomb is refused with a located error', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = `version: 1\nbomb:\n  ${levels.join('\n  ')}\n`;
  const started = Date.now();
  const { base, diagnostics } = loadOne(text);
  assert.ok(Date.now() - started < 2000, 'refused quickly');
  assert.equal(base, undefined);
  // The expansion compounds at the first alias of an anchor that itself holds aliases: the first *b.
  expectOneError(diagnostics, 'aliases expand to too many nodes', span(text, '*b'));
});

test('an alias to an anchor that does not exist (or to its own node) is located at the alias', () => {
  const text = variant('    sources: [about.fb.com]', '    sources: *nope');
  expectOneError(loadOne(text).diagnostics, "unknown anchor 'nope'", span(text, '*nope'));
  const cycle = variant('    sources: [about.fb.com]', '    sources: &c [about.fb.com, *c]');
  expectOneError(loadOne(cycle).diagnostics, "unknown anchor 'c'", span(cycle, '*c'));
});

test('errors in one file withhold the base even when the other file is fine', () => {
  const broken = 'version: 1\nparties:\n  - id: nvidia\n    names: NVIDIA\n';
  const { base, diagnostics } = load({ [FACTS_PATH]: VALID, '/ws/facts/broken.yaml': broken });
  assert.equal(base, undefined);
  assert.deepEqual(diagnostics.map((d) => d.file), ['/ws/facts/broken.yaml']);
  expectOneError(diagnostics, 'names: expected a list of strings', span(broken, 'NVIDIA'));
});

test('diagnostics are sorted by file order and position', () => {
  const text = variant('    parties: [coreweave]', '    parties: [nope]').replace('version: 1', 'version: 3');
  const { diagnostics } = load({ '/ws/a.yaml': 'version: 1\nwhat: 1\n', [FACTS_PATH]: text });
  assert.deepEqual(
    diagnostics.map((d) => [d.file, d.range.start.line]),
    [
      ['/ws/a.yaml', 1],
      [FACTS_PATH, 0],
      [FACTS_PATH, pos(text, 'nope').line],
    ],
  );
});

// --- partOf --------------------------------------------------------------------------------------

test('partOf names parties that must exist, and not the party itself', () => {
  const unknown = variant('    names: [Meta, Meta Platforms]\n', '    names: [Meta, Meta Platforms]\n    partOf: [alphabet]\n');
  expectOneError(loadOne(unknown).diagnostics, "unknown party 'alphabet'", span(unknown, 'alphabet'));
  const self = variant('    names: [Meta, Meta Platforms]\n', '    names: [Meta, Meta Platforms]\n    partOf: [meta]\n');
  expectOneError(loadOne(self).diagnostics, "partOf: party 'meta' cannot be part of itself", span(self, '[meta]'));
});
