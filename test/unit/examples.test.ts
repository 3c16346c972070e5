/**
 * The labelled drafts: every labelled finding on its line with the source value in `expected`, and
 * no other scored finding anywhere; the seed article checks clean. Runs the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseJsonReport, runCli, REPO_ROOT } from '../helpers/cli';

const EXAMPLES = path.join('test', 'fixtures', 'examples');
const SCORED = new Set(['mismatch', 'missing-citation', 'wrong-citation']);

interface Expectation {
  line: number;
  code: string;
  expected?: string;
}

const drafts = readdirSync(path.join(REPO_ROOT, EXAMPLES)).filter((f) => f.endsWith('.md')).sort();

test('there are labelled examples to check', () => {
  assert.ok(drafts.length >= 4);
});

for (const draft of drafts) {
  test(`example ${draft}: labelled findings and nothing else`, async () => {
    const file = path.join(EXAMPLES, draft);
    const expectations = JSON.parse(readFileSync(path.join(REPO_ROOT, file.replace(/\.md$/, '.expect.json')), 'utf8')) as Expectation[];
    const run = await runCli(['--format', 'json', file]);
    assert.equal(run.stderr, '');
    const findings = parseJsonReport(run.stdout).get(file) ?? [];
    const scored = findings.filter((f) => SCORED.has(f.code));
    for (const want of expectations) {
      const hit = scored.find((f) => f.range.start.line + 1 === want.line && f.code === want.code);
      assert.ok(hit, `${draft}:${want.line} should carry ${want.code}; got ${JSON.stringify(scored.map((f) => [f.range.start.line + 1, f.code, f.message]))}`);
      if (want.expected !== undefined) {
        assert.ok(hit.expected?.includes(want.expected), `${draft}:${want.line} expected "${want.expected}", finding says "${hit.expected}"`);
      }
    }
    const unexpected = scored.filter((f) => !expectations.some((w) => w.line === f.range.start.line + 1 && w.code === f.code));
    assert.deepEqual(unexpected.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`), []);
    assert.equal(run.code, expectations.length > 0 ? 1 : 0);
  });
}

test('the seed article checks clean against the bundled facts', async () => {
  const run = await runCli(['--format', 'json', 'seeds/meta-muse-spark-coreweave.txt']);
  const findings = parseJsonReport(run.stdout).get('seeds/meta-muse-spark-coreweave.txt');
  assert.deepEqual(findings?.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}: ${f.message}`), []);
  assert.equal(run.code, 0);
});
