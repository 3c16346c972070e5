/** The `sourcecheck` CLI as users and CI meet it: formats, exit codes, --fix, configuration, bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { acmeFacts, parseJsonReport, runCli, REPO_ROOT } from '../helpers/cli';

const P1 = path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md');
const P2 = path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p2-citations.md');
const SEED_DOC = path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sourcecheck-cli-'));
}

const GOOD_FACTS = acmeFacts('$3 billion');

function factDir(facts: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'notes.txt'), "Acme's revenue was $3 billion in 2025. (example.org)\n");
  writeFileSync(path.join(dir, 'facts.yaml'), facts);
  return dir;
}

test('text output is path:line:col  severity  message  code, and exit 1 on findings', async () => {
  const run = await runCli([path.relative(REPO_ROOT, P1)]);
  assert.equal(run.code, 1);
  const line = run.stdout.split('\n').find((l) => l.includes('mismatch') && l.includes('31 billion'));
  assert.match(line ?? '', /^test\/fixtures\/examples\/p1-figures\.md:6:\d+ {2}error {2}Source says about \$21 billion \(investors\.coreweave\.com\); draft says \$31 billion\. {2}mismatch$/);
  assert.match(run.stdout, /problems? \(\d+ errors?, \d+ warnings?, \d+ hints?\) in 1 file/);
});

test('exit 0 and a clean summary when nothing is wrong', async () => {
  const run = await runCli([SEED_DOC]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /1 file checked, no problems/);
});

test('json output follows the contract: ranges, expected, sources and fix edits', async () => {
  const rel = path.relative(REPO_ROOT, P1);
  const run = await runCli(['--format', 'json', rel]);
  const findings = parseJsonReport(run.stdout).get(rel) ?? [];
  const mismatch = findings.find((f) => f.code === 'mismatch' && f.range.start.line === 5);
  assert.ok(mismatch);
  assert.equal(mismatch.severity, 'error');
  assert.equal(mismatch.factId, 'coreweave-deal-value');
  assert.equal(mismatch.found, '$31 billion');
  assert.equal(mismatch.expected, '$21 billion');
  assert.deepEqual(mismatch.sources, ['investors.coreweave.com', 'about.fb.com']);
  const text = readFileSync(P1, 'utf8').split('\n')[5] ?? '';
  assert.equal(text.slice(mismatch.range.start.character, mismatch.range.end.character), '$31 billion');
  assert.deepEqual(mismatch.fixes[0]?.edits, [{ range: mismatch.range, newText: '$21 billion' }]);
});

test('sarif output is SARIF 2.1.0 with rules and 1-based regions', async () => {
  const run = await runCli(['--format', 'sarif', P1]);
  const log = JSON.parse(run.stdout);
  assert.equal(log.version, '2.1.0');
  const results = log.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
  assert.ok(results.some((r) => r.ruleId === 'mismatch' && r.level === 'error' && r.locations[0]?.physicalLocation.region.startLine === 6));
  assert.deepEqual(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), ['mismatch', 'missing-citation', 'wrong-citation', 'unsupported']);
});

test('globs expand; a glob that matches nothing is an error', async () => {
  const run = await runCli(['--format', 'json', 'test/fixtures/examples/p*.md']);
  assert.equal(parseJsonReport(run.stdout).size, 4);
  const none = await runCli(['nothing/**/*.md']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing\/\*\*\/\*\.md: no files match this pattern/);
});

test('--fix rewrites in place, atomically, and a second run finds no mismatch or missing citation', async () => {
  const dir = tempDir();
  for (const source of [P1, P2]) copyFileSync(source, path.join(dir, path.basename(source)));
  const first = await runCli(['--fix', '--format', 'json', 'p1-figures.md', 'p2-citations.md'], dir);
  assert.equal(first.stderr, '');
  const fixed = readFileSync(path.join(dir, 'p1-figures.md'), 'utf8');
  assert.match(fixed, /roughly \$21 billion\. \(investors\.coreweave\.com\)/);
  assert.match(fixed, /through December 2032\./);
  assert.match(fixed, /in nine months, the company said/);
  const p2 = readFileSync(path.join(dir, 'p2-citations.md'), 'utf8');
  assert.match(p2, /worth about \$21 billion\. \(investors\.coreweave\.com\)/);
  assert.match(p2, /inference workloads\. \(investors\.coreweave\.com\)/);
  const again = await runCli(['--format', 'json', 'p1-figures.md', 'p2-citations.md'], dir);
  for (const findings of parseJsonReport(again.stdout).values()) {
    assert.deepEqual(findings.filter((f) => f.code === 'mismatch' || f.code === 'missing-citation' || f.code === 'wrong-citation').map((f) => f.message), []);
  }
  assert.deepEqual(readdirSync(dir).sort(), ['p1-figures.md', 'p2-citations.md']);
});

test('.sourcecheck.yaml found upward sets severities and adds fact files', async () => {
  const dir = factDir(GOOD_FACTS);
  writeFileSync(path.join(dir, '.sourcecheck.yaml'), 'facts: [facts.yaml]\nseverity:\n  missing-citation: error\n  unsupported: off\n');
  mkdirSync(path.join(dir, 'drafts'));
  writeFileSync(path.join(dir, 'drafts', 'a.md'), "Acme's revenue was $5 billion. (example.org)\n\nMeta's CoreWeave deal is worth about $21 billion.\n\nMeta paid $14 billion for a stake.\n");
  const run = await runCli(['--format', 'json', 'drafts/a.md'], dir);
  const findings = parseJsonReport(run.stdout).get('drafts/a.md') ?? [];
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.code, f.severity]), [
    [1, 'mismatch', 'error'],
    [3, 'missing-citation', 'error'],
  ]);
});

test('--facts adds a fact file and --no-default-facts drops the seed', async () => {
  const dir = factDir(GOOD_FACTS);
  writeFileSync(path.join(dir, 'a.md'), "Acme's revenue was $5 billion. (example.org)\n\nMeta's CoreWeave deal is worth $12 billion. (investors.coreweave.com)\n");
  const both = await runCli(['--format', 'json', '--facts', 'facts.yaml', 'a.md'], dir);
  assert.deepEqual((parseJsonReport(both.stdout).get('a.md') ?? []).map((f) => f.factId), ['acme-revenue', 'coreweave-deal-value']);
  const own = await runCli(['--format', 'json', '--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
  assert.deepEqual((parseJsonReport(own.stdout).get('a.md') ?? []).map((f) => f.factId), ['acme-revenue']);
});

// Bad input: one clear message, exit 2, never a stack trace.
function assertCleanError(run: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
}

test('a missing file', async () => {
  assertCleanError(await runCli(['no-such-draft.md']), /^sourcecheck: no-such-draft\.md: no such file$/m);
});

test('a directory with no Markdown to check', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'notes'));
  writeFileSync(path.join(dir, 'notes', 'a.txt'), 'Meta.\n');
  assertCleanError(await runCli(['notes'], dir), /^sourcecheck: notes: is a directory with no Markdown files to check/m);
});

test('a binary file', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'x.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  assertCleanError(await runCli(['x.md'], dir), /x\.md: is a binary file \(NUL byte at 3:1\)/);
});

test('a file over 5 MB', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'big.md'), 'Meta. '.repeat(1024 * 1024));
  assertCleanError(await runCli(['big.md'], dir), /big\.md: is 6\.0 MB; files over 5 MB are not checked/);
});

test('invalid UTF-8, located', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'bad.md'), Buffer.concat([Buffer.from('Fine line.\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]));
  assertCleanError(await runCli(['bad.md'], dir), /bad\.md: is not valid UTF-8 \(invalid byte 0xe9 at 2:4\)/);
});

test('the other files are still checked when one is unreadable', async () => {
  const run = await runCli(['--format', 'json', 'missing.md', path.relative(REPO_ROOT, P1)]);
  assert.equal(run.code, 2);
  assert.ok((parseJsonReport(run.stdout).get(path.relative(REPO_ROOT, P1)) ?? []).length > 0);
});

test('malformed fact YAML, located', async () => {
  const dir = factDir(GOOD_FACTS.replace('parties: [acme]\n    cues', 'parties: [acme\n    cues'));
  writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
  assertCleanError(await runCli(['--facts', 'facts.yaml', 'a.md'], dir), /^facts\.yaml:\d+:\d+: error: /m);
});

test('wrongly typed fact YAML, located at the value', async () => {
  const dir = factDir(GOOD_FACTS.replace('cues: [revenue]', 'cues: 42'));
  writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
  assertCleanError(await runCli(['--facts', 'facts.yaml', 'a.md'], dir), /^facts\.yaml:15:11: error: .*list/m);
});

test('a quote not found in its source', async () => {
  const dir = factDir(GOOD_FACTS.replace("quote: Acme's revenue was $3 billion", 'quote: Acme made a fortune'));
  writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
  assertCleanError(await runCli(['--facts', 'facts.yaml', 'a.md'], dir), /^facts\.yaml:18:12: error: .*quote not found verbatim in notes\.txt/m);
});

test('duplicate fact ids', async () => {
  const dir = factDir(GOOD_FACTS + GOOD_FACTS.slice(GOOD_FACTS.indexOf('  - id: acme-revenue')));
  writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
  assertCleanError(await runCli(['--facts', 'facts.yaml', 'a.md'], dir), /^facts\.yaml:\d+:\d+: error: duplicate fact id 'acme-revenue' \(first defined at \S*facts\.yaml:12:9\)$/m);
});

test('usage errors: unknown option, bad format, no files', async () => {
  assertCleanError(await runCli(['--frobnicate', 'a.md']), /sourcecheck: Unknown option '--frobnicate'/);
  assertCleanError(await runCli(['--format', 'xml', 'a.md']), /unknown format "xml"/);
  assertCleanError(await runCli([]), /sourcecheck: no files given/);
});
