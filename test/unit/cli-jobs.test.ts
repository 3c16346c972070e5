/** `sourcecheck --jobs N`: the same output, order and exit code on one thread as on several. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli, REPO_ROOT } from '../helpers/cli';
import { generateDraft, seedStatements } from '../bench/generate';
import { seedBase } from '../helpers/seed';

const EXAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'examples');

/** The examples, the seed article, generated drafts and one unreadable entry, in a fresh directory. */
function corpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-jobs-'));
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.md'))) copyFileSync(path.join(EXAMPLES, file), path.join(dir, file));
  copyFileSync(path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'), path.join(dir, 'seed-article.md'));
  const seeds = seedStatements(seedBase());
  for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, `gen-${String(i).padStart(2, '0')}.md`), generateDraft({ size: 3_000, seed: 50 + i, seeds }));
  writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x41, 0x00, 0x42]));
  return dir;
}

for (const format of ['json', 'text', 'sarif']) {
  test(`--format ${format}: --jobs 1 and --jobs 3 print the same, in the same order, with the same exit code`, async () => {
    const dir = corpus();
    const args = ['--format', format, '*.md', 'missing.md'];
    const one = await runCli(['--jobs', '1', ...args], dir);
    const three = await runCli(['--jobs', '3', ...args], dir);
    assert.equal(one.code, 2, 'an unreadable file makes the exit code 2');
    assert.equal(three.code, one.code);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.ok(one.stdout.length > 1000, 'there are findings to compare');
  });
}

test('without --jobs the default (all cores) prints what one thread prints; exit 1 on findings', async () => {
  const dir = corpus();
  const one = await runCli(['--jobs', '1', '--format', 'json', 'gen-*.md', 'p1-figures.md'], dir);
  const all = await runCli(['--format', 'json', 'gen-*.md', 'p1-figures.md'], dir);
  assert.equal(one.code, 1);
  assert.equal(all.code, 1);
  assert.equal(all.stdout, one.stdout);
});

test('--fix on several threads writes the same files as on one', async () => {
  const a = corpus();
  const b = corpus();
  const one = await runCli(['--jobs', '1', '--fix', '--format', 'json', '*.md'], a);
  const four = await runCli(['--jobs', '4', '--fix', '--format', 'json', '*.md'], b);
  assert.equal(four.stdout, one.stdout);
  assert.equal(four.code, one.code);
  for (const file of readdirSync(a).filter((f) => f.endsWith('.md'))) {
    assert.equal(readFileSync(path.join(b, file), 'utf8'), readFileSync(path.join(a, file), 'utf8'), file);
  }
  assert.notEqual(readFileSync(path.join(a, 'p1-figures.md'), 'utf8'), readFileSync(path.join(EXAMPLES, 'p1-figures.md'), 'utf8'), 'fixes were written');
});

test('--jobs takes a whole number from 1', async () => {
  for (const bad of ['0', '-1', 'two', '1.5', '']) {
    const run = await runCli(['--jobs', bad, path.join(EXAMPLES, 'p1-figures.md')]);
    assert.equal(run.code, 2, `--jobs ${JSON.stringify(bad)}`);
    assert.match(run.stderr, /--jobs/);
  }
});
