/**
 * Source notes in a workspace: `sources:` in `.sourcecheck.yaml` (relative to the file), the extra
 * patterns the CLI and the editor setting add, unsaved editor text, and what a bad pattern does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/engine/check';
import { loadWorkspace } from '../../server/src/node/workspace';
import { readTextFileSync, type ReadResult } from '../../server/src/node/files';
import { runCli } from '../helpers/cli';

const NOTE = 'Acme Robotics raised $40 million from Birch Capital on May 3, 2024. (techdaily.com)\n';

function project(config: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-sources-'));
  mkdirSync(path.join(dir, 'research'));
  mkdirSync(path.join(dir, 'drafts'));
  writeFileSync(path.join(dir, 'research', 'acme.md'), NOTE);
  writeFileSync(path.join(dir, '.sourcecheck.yaml'), config);
  writeFileSync(path.join(dir, 'drafts', 'story.md'), 'Acme Robotics raised $14 million from Birch Capital. (techdaily.com)\n');
  return dir;
}

test('sources: in .sourcecheck.yaml are globs relative to the configuration file', () => {
  const dir = project('defaultFacts: false\nsources: ["research/*.md"]\n');
  const workspace = loadWorkspace(path.join(dir, '.sourcecheck.yaml'));
  assert.deepEqual(workspace.diagnostics, []);
  assert.deepEqual(workspace.sourceFiles, [path.join(dir, 'research', 'acme.md')]);
  assert.ok(workspace.base);
  assert.deepEqual(workspace.base.facts.map((f) => f.valueText), ['$40 million', 'May 3, 2024']);
  const findings = checkDocument('Acme Robotics raised $14 million from Birch Capital. (techdaily.com)', workspace.base).findings;
  assert.deepEqual(findings.map((f) => f.code), ['mismatch']);
});

test('the CLI finds the configuration beside a draft and checks it against its source notes', async () => {
  const dir = project('defaultFacts: false\nsources: ["research/*.md"]\n');
  const run = await runCli(['drafts/story.md'], dir);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /drafts\/story\.md:1:22 {2}error {2}Source says \$40 million \(techdaily\.com\); draft says \$14 million\. {2}mismatch/);
});

test('a configured pattern that matches nothing is a warning; the rest of the base still loads', () => {
  const dir = project('sources: ["notes/*.md"]\n');
  const workspace = loadWorkspace(path.join(dir, '.sourcecheck.yaml'));
  assert.deepEqual(workspace.diagnostics.map((d) => [d.severity, d.message]), [['warning', 'sources: "notes/*.md" matches no files']]);
  assert.ok(workspace.base, 'the seed facts still load');
  assert.deepEqual(workspace.sourceFiles, []);
});

test('extra patterns (CLI, editor setting) are relative to their own base directory, and an unreadable note is an error', () => {
  const dir = project('defaultFacts: false\n');
  const workspace = loadWorkspace(path.join(dir, '.sourcecheck.yaml'), { sources: ['research/acme.md'], sourcesBaseDir: dir });
  assert.equal(workspace.base?.facts.length, 2);
  const missing = loadWorkspace(path.join(dir, '.sourcecheck.yaml'), { sources: ['research/gone.md'], sourcesBaseDir: dir });
  assert.equal(missing.base, undefined);
  assert.match(missing.diagnostics[0]?.message ?? '', /^source note /);
});

test('unsaved editor text of a note is read instead of the disk', () => {
  const dir = project('defaultFacts: false\nsources: ["research/*.md"]\n');
  const edited = NOTE.replace('$40 million', '$45 million');
  const note = path.join(dir, 'research', 'acme.md');
  const read = (file: string): ReadResult => (file === note ? { text: edited } : readTextFileSync(file));
  const workspace = loadWorkspace(path.join(dir, '.sourcecheck.yaml'), { read });
  assert.deepEqual(workspace.base?.facts.map((f) => f.valueText), ['$45 million', 'May 3, 2024']);
});

test('an untrusted workspace does not choose source notes', () => {
  const dir = project('defaultFacts: false\nsources: ["research/*.md"]\n');
  const workspace = loadWorkspace(path.join(dir, '.sourcecheck.yaml'), { trusted: false, sources: ['research/acme.md'], sourcesBaseDir: dir });
  assert.deepEqual(workspace.sourceFiles, []);
  assert.ok(workspace.base);
  assert.equal(workspace.base.facts.some((f) => f.extracted), false);
});

test('the CLI leaves defaultFacts to .sourcecheck.yaml unless --no-default-facts is given', async () => {
  const dir = project('defaultFacts: false\nsources: ["research/*.md"]\n');
  writeFileSync(path.join(dir, 'drafts', 'seed.md'), "Meta's CoreWeave deal is worth $12 billion. (investors.coreweave.com)\n");
  const run = await runCli(['drafts/seed.md'], dir);
  assert.equal(run.code, 0, `the seed facts do not apply: ${run.stdout}`);
  const facts = await runCli(['facts', '--format', 'json'], dir);
  assert.equal(facts.code, 0, facts.stderr);
  assert.equal((JSON.parse(facts.stdout) as { notes: unknown[] }).notes.length, 1);
});
