/**
 * The CLI's workers check against fact bases the main thread loaded and handed over (a structured
 * clone), not ones they load themselves. The findings must be exactly those of a base loaded from the
 * files: over a corpus of several workspaces (the seed facts, stories read from source notes, a curated
 * fact file), with one worker and with two, and against checks of freshly loaded bases in this process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/engine/check';
import type { FactBase } from '../../server/src/engine/types';
import { checkOptionsOf } from '../../server/src/node/parallel';
import { findConfig, loadWorkspace, type Workspace } from '../../server/src/node/workspace';
import { reportedFinding } from '../../server/src/cli/report';
import { generateDraft, seedStatements } from '../bench/generate';
import { parseJsonReport, REPO_ROOT, runCli } from '../helpers/cli';
import { seedBase } from '../helpers/seed';

const EVAL_CORPUS = path.join(REPO_ROOT, 'test', 'eval', 'corpus');
const SHARED_EXAMPLES = path.resolve(REPO_ROOT, '..', 'shared', 'examples');
const FIXTURE_EXAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'examples');

function copyDrafts(from: string, to: string, prefix = ''): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((f) => f.endsWith('.md'))) copyFileSync(path.join(from, name), path.join(to, `${prefix}${name}`));
}

/**
 * A corpus of workspaces in a fresh directory: `seed/` (no configuration: the bundled seed facts) with
 * the shared examples, the fixture examples, the eval drafts about the seed story and generated drafts;
 * one directory per eval story with source notes, checked against facts read from its notes alone
 * (the notes themselves ignored as drafts); and `curated/`, against a curated fact file.
 */
function corpus(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sourcecheck-handover-'));
  const seed = path.join(root, 'seed');
  if (existsSync(SHARED_EXAMPLES)) copyDrafts(SHARED_EXAMPLES, seed, 'shared-');
  copyDrafts(FIXTURE_EXAMPLES, seed, 'fixture-');
  const seeds = seedStatements(seedBase());
  for (let i = 0; i < 24; i++) writeFileSync(path.join(seed, `gen-${String(i).padStart(2, '0')}.md`), generateDraft({ size: 3_000, seed: 300 + i, seeds }));
  for (const story of readdirSync(EVAL_CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const from = path.join(EVAL_CORPUS, story.name);
    if (!existsSync(path.join(from, 'sources'))) {
      copyDrafts(from, seed, `${story.name}-`);
      continue;
    }
    const to = path.join(root, story.name);
    copyDrafts(from, to);
    cpSync(path.join(from, 'sources'), path.join(to, 'sources'), { recursive: true });
    writeFileSync(path.join(to, '.sourcecheck.yaml'), 'defaultFacts: false\nsources:\n  - sources/*.md\nignore:\n  - sources/\n');
  }
  const curated = path.join(root, 'curated');
  copyDrafts(FIXTURE_EXAMPLES, curated);
  const facts = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'facts', 'seed-sample.yaml'), 'utf8');
  const article = JSON.stringify(path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'));
  writeFileSync(path.join(curated, 'facts.yaml'), facts.replace(/^(\s*seed:\s*).*$/m, `$1${article}`));
  writeFileSync(path.join(curated, '.sourcecheck.yaml'), 'defaultFacts: false\nfacts:\n  - facts.yaml\n');
  return root;
}

/** Each workspace of the corpus, loaded from its files in this process. */
function workspacesOf(root: string): Map<string, Workspace> {
  const workspaces = new Map<string, Workspace>();
  for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const config = findConfig(path.join(root, entry.name));
    const workspace = loadWorkspace(config, {});
    assert.ok(workspace.base, `${entry.name}: ${workspace.diagnostics.map((d) => d.message).join('; ')}`);
    workspaces.set(entry.name, workspace);
  }
  return workspaces;
}

test('a structured clone of a fact base is equal to it, with the same sharing of facts', () => {
  const workspaces = workspacesOf(corpus());
  assert.ok(workspaces.size >= 3, 'several workspaces');
  assert.ok([...workspaces.values()].some((w) => w.base?.facts.some((f) => f.extracted !== undefined)), 'one has facts read from source notes');
  for (const [name, workspace] of workspaces) {
    const base = workspace.base as FactBase;
    const clone = structuredClone(base);
    // deepStrictEqual compares prototypes too: a class instance in the base would fail here.
    assert.deepStrictEqual(clone, base, name);
    for (const fact of clone.facts) assert.equal(clone.factsById.get(fact.id), fact, `${name}: ${fact.id} is one object in facts and factsById`);
  }
});

test('--jobs 1 and --jobs 2 print exactly the findings of fact bases loaded from the files', async () => {
  const root = corpus();
  const one = await runCli(['--format', 'json', '--jobs', '1', '.'], root);
  const two = await runCli(['--format', 'json', '--jobs', '2', '.'], root);
  assert.equal(one.code, 1, one.stderr);
  assert.equal(two.code, one.code);
  assert.equal(two.stderr, one.stderr);
  assert.equal(two.stdout, one.stdout);

  const reported = parseJsonReport(one.stdout);
  const workspaces = workspacesOf(root);
  let findings = 0;
  for (const [file, got] of reported) {
    assert.ok(!file.includes(`${path.sep}sources${path.sep}`), `${file}: source notes are ignored as drafts`);
    const workspace = workspaces.get(file.split(path.sep)[0] as string) as Workspace;
    const text = readFileSync(path.join(root, file), 'utf8');
    const expected = checkDocument(text, workspace.base as FactBase, checkOptionsOf(workspace)).findings.map(reportedFinding);
    assert.deepStrictEqual(got, JSON.parse(JSON.stringify(expected)), file);
    findings += got.length;
  }
  const drafts = [...reported.keys()];
  assert.ok(drafts.length >= 50, `a large corpus (${drafts.length} drafts)`);
  assert.ok(new Set(drafts.map((f) => f.split(path.sep)[0])).size === workspaces.size, 'every workspace has drafts checked');
  assert.ok(findings > 100, `there are findings to compare (${findings})`);
});
