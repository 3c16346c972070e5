import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactHost } from '../../server/src/engine/api';
import { formatDiagnostic, loadFactBase } from '../../server/src/engine/factbase/load';
import { DOC_PATH, DOC_TEXT, FACTS_PATH, VALID, endPos, fakeParseValue, load, memoryHost, pos, variant } from './factbase-helpers';

test('a valid file loads every fact, party, source and document', () => {
  const { base, diagnostics } = load({ [FACTS_PATH]: VALID });
  assert.deepEqual(diagnostics, []);
  assert.ok(base);
  assert.deepEqual(base.facts.map((f) => f.id), ['coreweave-deal-value', 'msl-rebuild-duration']);
  assert.equal(base.factsById.get('msl-rebuild-duration'), base.facts[1]);
  assert.deepEqual([...base.parties.keys()], ['coreweave', 'meta']);
  assert.deepEqual(base.parties.get('meta'), { id: 'meta', name: 'Meta', names: ['Meta', 'Meta Platforms'], partOf: [] });
  assert.deepEqual(base.documents.get('article'), { id: 'article', path: DOC_PATH, text: DOC_TEXT });
});

test('fact fields: cues lowercased, default minCues, parsed value, percentage tolerance, examples, origin', () => {
  const { base } = load({ [FACTS_PATH]: VALID });
  const deal = base?.factsById.get('coreweave-deal-value');
  assert.ok(deal);
  assert.equal(deal.statement, "Meta's expanded CoreWeave capacity deal is worth about $21 billion.");
  assert.deepEqual(deal.parties, ['coreweave']);
  assert.deepEqual(deal.alsoAbout, ['meta']);
  assert.deepEqual(deal.cues, ['deal', 'agreement', 'worth']);
  assert.equal(deal.minCues, 1);
  assert.deepEqual(deal.value, { kind: 'money', currency: 'USD', amount: 21e9, precision: 1e9, bound: 'approx' });
  assert.equal(deal.valueText, 'about $21 billion');
  assert.equal(deal.tolerance, 0.05 * 21e9);
  assert.deepEqual(deal.sources, ['investors.coreweave.com', 'about.fb.com']);
  assert.deepEqual(deal.examples, {
    pass: ["Meta's CoreWeave deal is worth about $21 billion."],
    fail: ["Meta's CoreWeave deal is worth $12 billion."],
  });
  assert.deepEqual(deal.origin, {
    file: FACTS_PATH,
    range: { start: pos(VALID, 'coreweave-deal-value'), end: endPos(VALID, 'coreweave-deal-value') },
  });

  const rebuild = base?.factsById.get('msl-rebuild-duration');
  assert.ok(rebuild);
  assert.equal(rebuild.minCues, 2, 'a fact without a value needs two cues by default');
  assert.equal(rebuild.value, undefined);
  assert.equal(rebuild.tolerance, undefined);
  assert.deepEqual(rebuild.alsoAbout, []);
  assert.deepEqual(rebuild.examples, { pass: [], fail: [] });
});

test('the quote location is the exact LSP range of the quote in the document', () => {
  const { base } = load({ [FACTS_PATH]: VALID });
  const quote = base?.factsById.get('coreweave-deal-value')?.quote;
  assert.ok(quote);
  const q = 'the total value is approximately $21 billion';
  assert.deepEqual(quote, {
    text: q,
    documentId: 'article',
    documentPath: DOC_PATH,
    range: { start: pos(DOC_TEXT, q), end: endPos(DOC_TEXT, q) },
  });
  assert.equal(quote.range.start.line, 1);
  const line = DOC_TEXT.split('\n')[1] as string;
  assert.equal(line.slice(quote.range.start.character, quote.range.end.character), q);
});

test('quote columns are UTF-16 code units', () => {
  const doc = 'Intro 😀 — CoreWeave: the total value is approximately $21 billion.';
  const { base, diagnostics } = load({ [FACTS_PATH]: VALID }, { [DOC_PATH]: `${doc}\n${DOC_TEXT}` });
  assert.deepEqual(diagnostics, []);
  const range = base?.factsById.get('coreweave-deal-value')?.quote.range;
  assert.deepEqual(range?.start, { line: 0, character: doc.indexOf('the total') });
  assert.equal(doc.indexOf('the total'), 'Intro 😀 — CoreWeave: '.length);
});

test('a block-scalar quote spanning lines is found without YAML\'s trailing newline', () => {
  const doc = 'First line ends here\nand the second one continues.\n';
  const facts = variant(
    '    quote: the total value is approximately $21 billion\n',
    '    quote: |\n      ends here\n      and the second\n',
  );
  const { base, diagnostics } = load({ [FACTS_PATH]: facts }, { [DOC_PATH]: doc + DOC_TEXT });
  assert.deepEqual(diagnostics, []);
  const quote = base?.factsById.get('coreweave-deal-value')?.quote;
  assert.equal(quote?.text, 'ends here\nand the second');
  assert.deepEqual(quote?.range, { start: { line: 0, character: 11 }, end: { line: 1, character: 14 } });
});

test('source domains: the id, the url host and aliases, lowercased, without www., deduplicated', () => {
  const { base } = load({ [FACTS_PATH]: VALID });
  const cw = base?.sources.get('investors.coreweave.com');
  assert.deepEqual(cw, {
    id: 'investors.coreweave.com',
    name: 'CoreWeave investor relations',
    url: 'https://www.investors.coreweave.com/news',
    domains: ['investors.coreweave.com', 'coreweave.com', 'coreweave.net'],
  });
  assert.deepEqual(base?.sources.get('about.fb.com')?.domains, ['about.fb.com']);
});

test('a source id that is not a domain contributes no domain, and name defaults to the id', () => {
  const facts = variant(
    '  - id: about.fb.com\n    name: Meta newsroom\n    url: https://about.fb.com/news/\n',
    '  - id: about.fb.com\n    url: https://about.fb.com/news/\n  - id: meta-press\n    url: https://www.Meta.com/press/\n',
  );
  const { base, diagnostics } = load({ [FACTS_PATH]: facts });
  assert.deepEqual(diagnostics, []);
  assert.equal(base?.sources.get('about.fb.com')?.name, 'about.fb.com');
  assert.deepEqual(base?.sources.get('meta-press')?.domains, ['meta.com']);
});

test('two files merge, with references resolved across files', () => {
  const shared = `version: 1
documents:
  seed: article.txt
sources:
  - id: investors.coreweave.com
    name: CoreWeave IR
    url: https://investors.coreweave.com/
parties:
  - id: coreweave
    names: [CoreWeave]
`;
  const facts = `version: 1
facts:
  - id: coreweave-deal-end
    statement: The expanded CoreWeave deal runs through December 2032.
    parties: [coreweave]
    cues: [through, runs]
    value: December 2032
    tolerance: 31
    sources: [investors.coreweave.com]
    quote: through December 2032
    document: seed
`;
  const { base, diagnostics } = load({ '/ws/facts/shared.yaml': shared, '/ws/more/facts.yaml': facts });
  assert.deepEqual(diagnostics, []);
  assert.ok(base);
  const fact = base.factsById.get('coreweave-deal-end');
  assert.equal(fact?.origin.file, '/ws/more/facts.yaml');
  assert.equal(fact?.tolerance, 31);
  assert.deepEqual(fact?.value, { kind: 'date', year: 2032, month: 12, granularity: 'month', bound: 'exact' });
  assert.equal(fact?.quote.documentId, 'seed');
  assert.deepEqual(fact?.quote.range.start, pos(DOC_TEXT, 'through December 2032'));
  assert.deepEqual([...base.parties.keys()], ['coreweave']);
  assert.deepEqual([...base.sources.keys()], ['investors.coreweave.com']);
});

test('the document path is resolved by the host relative to the fact file', () => {
  const host = memoryHost({ [DOC_PATH]: DOC_TEXT });
  const { base } = loadFactBase([{ path: FACTS_PATH, text: VALID }], host, { parseValue: fakeParseValue });
  assert.ok(base);
  assert.deepEqual(host.reads, [DOC_PATH]);
});

test('anchors and aliases within reason are resolved', () => {
  const facts = variant('    sources: [investors.coreweave.com, about.fb.com]', '    sources: &both [investors.coreweave.com, about.fb.com]')
    .replace('    sources: [about.fb.com]', '    sources: *both');
  const { base, diagnostics } = load({ [FACTS_PATH]: facts });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(base?.factsById.get('msl-rebuild-duration')?.sources, ['investors.coreweave.com', 'about.fb.com']);
});

test('a percentage tolerance of a duration is in the duration\'s unit', () => {
  const facts = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    value: nine months\n    tolerance: 10%\n');
  const { base, diagnostics } = load({ [FACTS_PATH]: facts });
  assert.deepEqual(diagnostics, []);
  const fact = base?.factsById.get('msl-rebuild-duration');
  assert.equal(fact?.minCues, 1);
  assert.ok(Math.abs((fact?.tolerance ?? 0) - 0.9) < 1e-9);
});

test('the bundled seed article quotes load from a fixture file on disk', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const factsPath = resolve(here, '../fixtures/facts/seed-sample.yaml');
  const host: FactHost = {
    readDocument(from, reference) {
      const path = resolve(dirname(from), reference);
      try {
        return { path, text: readFileSync(path, 'utf8') };
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
  };
  const { base, diagnostics } = loadFactBase([{ path: factsPath, text: readFileSync(factsPath, 'utf8') }], host, { parseValue: fakeParseValue });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  const seed = readFileSync(resolve(here, '../../seeds/meta-muse-spark-coreweave.txt'), 'utf8');
  for (const fact of base?.facts ?? []) {
    const lines = seed.split('\n');
    const { start, end } = fact.quote.range;
    assert.equal(start.line, end.line);
    assert.equal((lines[start.line] as string).slice(start.character, end.character), fact.quote.text, fact.id);
  }
  assert.equal(base?.facts.length, 3);
});

test('formatDiagnostic prints 1-based line and column', () => {
  const text = formatDiagnostic({
    file: 'facts.yaml',
    range: { start: { line: 11, character: 4 }, end: { line: 11, character: 9 } },
    severity: 'error',
    message: "unknown party 'x'",
  });
  assert.equal(text, "facts.yaml:12:5: error: unknown party 'x'");
});
