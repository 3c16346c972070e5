/**
 * The bundled fact base: it loads cleanly, every quote stands verbatim in the seed article, it
 * covers the article's checkable statements, and every fact's own examples behave as labelled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/engine/check';
import { seedBase } from '../helpers/seed';
import { REPO_ROOT } from '../helpers/cli';

const article = readFileSync(path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'), 'utf8');

test('every quote appears verbatim in the seed article at the located range', () => {
  const base = seedBase();
  assert.ok(base.facts.length >= 15);
  for (const fact of base.facts) {
    assert.ok(article.includes(fact.quote.text), `${fact.id}: quote not in article`);
    const lines = article.split('\n');
    const { start, end } = fact.quote.range;
    assert.equal(start.line, end.line, `${fact.id}: quotes stand on one line of the article`);
    assert.equal(lines[start.line]?.slice(start.character, end.character), fact.quote.text, fact.id);
  }
});

test('the fact base covers every checkable statement the issue lists', () => {
  const base = seedBase();
  const values = base.facts.map((f) => f.valueText).filter(Boolean);
  for (const v of ['about $21 billion', 'December 2032', 'nine months', 'February 17, 2026', 'February 24, 2026', '$8.5 billion', 'March 31, 2026', 'almost seven years', 'first']) {
    assert.ok(values.includes(v), `a fact with value ${v}`);
  }
  const statements = base.facts.map((f) => f.statement.toLowerCase()).join('\n');
  for (const topic of ['inference', 'avocado', 'meta superintelligence labs', 'meta ai app', 'whatsapp', 'step-by-step']) {
    assert.ok(statements.includes(topic), `a fact about ${topic}`);
  }
});

test('every fact cites sources the article cites for it', () => {
  const base = seedBase();
  for (const fact of base.facts) {
    for (const source of fact.sources) assert.ok(article.includes(`(${source})`), `${fact.id}: the article cites (${source})`);
  }
});

for (const fact of seedBase().facts) {
  for (const sentence of fact.examples.pass) {
    test(`${fact.id} passes: ${sentence}`, () => {
      const result = checkDocument(sentence, seedBase());
      const statement = result.statements.find((s) => s.factId === fact.id);
      assert.ok(statement, `the sentence should be matched to ${fact.id}; matched ${JSON.stringify(result.statements.map((s) => s.factId))}`);
      assert.equal(statement.verdict, 'agrees');
      const scored = result.findings.filter((f) => f.code !== 'unsupported');
      assert.deepEqual(scored.map((f) => f.message), []);
    });
  }
  for (const sentence of fact.examples.fail) {
    test(`${fact.id} flags: ${sentence}`, () => {
      const result = checkDocument(sentence, seedBase());
      const mismatch = result.findings.find((f) => f.code === 'mismatch' && f.factId === fact.id);
      assert.ok(mismatch, `expected a mismatch against ${fact.id}; got ${JSON.stringify(result.findings.map((f) => [f.code, f.factId]))}`);
    });
  }
}
