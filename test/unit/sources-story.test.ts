/**
 * A second, unrelated story checked with no curated facts at all: reporting notes on a bridge rebuild
 * (parenthetical, link and footnote citations; one uncited statement) and drafts with wrong figures,
 * dates, an ordinal, missing and wrong citations, plus one with the same facts spelled differently.
 * Each draft states its expected findings beside it. Runs the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseJsonReport, runCli, REPO_ROOT, type JsonFinding } from '../helpers/cli';

const STORY = path.join('test', 'fixtures', 'sources');
const NOTES = `${STORY}/notes/*.md`;
const NOTE = path.join(STORY, 'notes', 'elm-street-bridge.md');
const DRAFTS = path.join(STORY, 'drafts');
const SCORED = new Set(['mismatch', 'missing-citation', 'wrong-citation']);

interface Expectation {
  line: number;
  code: string;
  expected?: string;
}

const drafts = readdirSync(path.join(REPO_ROOT, DRAFTS)).filter((f) => f.endsWith('.md')).sort();

async function check(files: string[]): Promise<Map<string, JsonFinding[]>> {
  const run = await runCli(['--format', 'json', '--no-default-facts', '--sources', NOTES, ...files]);
  assert.equal(run.stderr, '');
  return parseJsonReport(run.stdout);
}

test('the story has drafts with labelled findings of every scored kind', () => {
  const codes = new Set(
    drafts.flatMap((d) => (JSON.parse(readFileSync(path.join(REPO_ROOT, DRAFTS, d.replace(/\.md$/, '.expect.json')), 'utf8')) as Expectation[]).map((e) => e.code)),
  );
  assert.deepEqual([...codes].sort(), ['mismatch', 'missing-citation', 'wrong-citation']);
});

for (const draft of drafts) {
  test(`story draft ${draft}: exactly its labelled findings, from the notes alone`, async () => {
    const file = path.join(DRAFTS, draft);
    const expectations = JSON.parse(readFileSync(path.join(REPO_ROOT, file.replace(/\.md$/, '.expect.json')), 'utf8')) as Expectation[];
    const scored = ((await check([file])).get(file) ?? []).filter((f) => SCORED.has(f.code));
    const got = scored.map((f) => `${f.range.start.line + 1} ${f.code} ${f.expected ?? ''}`);
    const want = expectations.map((e) => `${e.line} ${e.code} ${e.expected ?? ''}`);
    assert.deepEqual(got, want);
  });
}

test('the notes check clean against themselves', async () => {
  const findings = (await check([NOTE])).get(NOTE) ?? [];
  assert.deepEqual(findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`), []);
});

test('mismatch fixes answer in the writer\'s format and --fix leaves a draft that checks clean', async () => {
  const file = path.join(DRAFTS, 'figures.md');
  const findings = (await check([file])).get(file) ?? [];
  assert.deepEqual(
    findings.filter((f) => f.code === 'mismatch').map((f) => `${f.found} -> ${f.fixes[0]?.edits[0]?.newText}`),
    ['$84 million -> $48 million', 'March 21, 2025 -> March 12, 2025', '24 months -> 18 months', '$3 million -> $30 million', 'fourth -> third'],
  );
  const message = findings.find((f) => f.found === '$3 million')?.message;
  assert.equal(message, 'Source says $30 million (fhwa.dot.gov); draft says $3 million.');

  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-story-'));
  mkdirSync(path.join(dir, 'notes'));
  copyFileSync(path.join(REPO_ROOT, NOTE), path.join(dir, 'notes', 'elm-street-bridge.md'));
  copyFileSync(path.join(REPO_ROOT, file), path.join(dir, 'figures.md'));
  const fixed = await runCli(['--fix', '--no-default-facts', '--sources', 'notes/*.md', 'figures.md'], dir);
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  const text = readFileSync(path.join(dir, 'figures.md'), 'utf8');
  assert.match(text, /approved an \$48 million contract/);
  assert.match(text, /third bridge in Harlow County/);
});

test('a missing citation is inserted in the draft\'s own style, and a wrong one replaced', async () => {
  const file = path.join(DRAFTS, 'citations.md');
  const findings = (await check([file])).get(file) ?? [];
  const missing = findings.find((f) => f.code === 'missing-citation' && f.range.start.line === 2);
  assert.ok(missing);
  assert.ok(missing.fixes[0]?.edits.some((e) => e.newText.includes('rivertongazette.com')), JSON.stringify(missing.fixes));
  const wrong = findings.find((f) => f.code === 'wrong-citation');
  assert.ok(wrong);
  assert.ok(wrong.fixes[0]?.edits.some((e) => e.newText.includes('dot.state.ny.us')), JSON.stringify(wrong.fixes));
});

test('sourcecheck facts lists every extracted fact with quote, parties and location, and the uncited statement as skipped', async () => {
  const run = await runCli(['facts', '--format', 'json', '--no-default-facts', '--sources', NOTES]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    notes: Array<{
      path: string;
      facts: Array<{ id: string; kind: string; value?: string; location: string; quote: { text: string }; parties: Array<{ name: string; required: boolean }>; cues: string[]; sources: string[] }>;
      skipped: Array<{ location: string; reason: string }>;
    }>;
  };
  assert.equal(report.notes.length, 1);
  const note = report.notes[0]!;
  assert.equal(note.path, NOTE);
  assert.deepEqual(
    note.facts.map((f) => `${f.location} ${f.kind} ${f.value ?? ''}`),
    [
      `${NOTE}:3:38 money $48 million`,
      `${NOTE}:3:121 date March 12, 2025`,
      `${NOTE}:4:41 duration 18 months`,
      `${NOTE}:4:85 date October 2026`,
      `${NOTE}:6:48 money $30 million`,
      `${NOTE}:7:48 money $6.5 million`,
      `${NOTE}:9:44 ordinal third`,
      `${NOTE}:9:104 date 2020`,
    ],
  );
  const grant = note.facts.find((f) => f.value === '$30 million')!;
  assert.match(grant.quote.text, /^The Federal Highway Administration is covering \$30 million/);
  assert.deepEqual(grant.parties, [{ id: 'federal-highway-administration', name: 'Federal Highway Administration', required: true }]);
  assert.deepEqual(grant.sources, ['fhwa.dot.gov']);
  assert.ok(grant.cues.includes('grant'));
  const loan = note.facts.find((f) => f.value === '$6.5 million')!;
  assert.deepEqual(loan.sources, ['dot.state.ny.us'], 'a footnote citation is a source');
  assert.deepEqual(note.skipped.map((s) => s.location), [`${NOTE}:11:1`]);
  assert.match(note.skipped[0]!.reason, /no citation/);
});

test('sourcecheck facts in text names each fact by location and says what was skipped', async () => {
  const run = await runCli(['facts', '--no-default-facts', '--sources', NOTES]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`^${NOTE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:48  money  \\$30 million  \\[elm-street-bridge@6:48\\]$`, 'm'));
  assert.match(run.stdout, /^ {4}parties {2}Federal Highway Administration$/m);
  assert.match(run.stdout, /^ {4}parties {2}one of Riverton City Council, Kessler Construction; also Elm Street Bridge$/m);
  assert.match(run.stdout, /:11:1 {2}skipped {2}\$2 million: no citation covers this statement/);
  assert.match(run.stdout, /8 facts with values and 0 claims from 1 source note; 1 statement skipped\n$/);
});

test('sourcecheck facts without any source note is a usage error', async () => {
  const run = await runCli(['facts', '--no-default-facts']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no source notes/);
});

test('--sources with a pattern that matches nothing is an error, not a silent empty base', async () => {
  const run = await runCli(['--no-default-facts', '--sources', `${STORY}/nothing-here/*.md`, path.join(DRAFTS, 'figures.md')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /matches no files/);
});
