/**
 * .pre-commit-hooks.yaml: the hook's entry run the way pre-commit runs it, in a scratch git
 * repository: the package's bin, with the hook's args, on the staged files of the hook's types. The
 * real framework runs it in `npm run test:hooks` (scripts/test-pre-commit.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types?: string[];
  args?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const bins = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;

/** The extensions pre-commit's `identify` tags `markdown`. */
const MARKDOWN = /\.(md|markdown|mdown|mkdn)$/;

test('one node hook, sourcecheck, on Markdown files, run serially (it uses every core itself)', () => {
  assert.equal(hooks.length, 1);
  const hook = hooks[0] as Hook;
  assert.equal(hook.id, 'sourcecheck');
  assert.equal(hook.language, 'node');
  assert.deepEqual(hook.types, ['markdown']);
  assert.equal(hook.require_serial, true);
  assert.notEqual(hook.pass_filenames, false);
  assert.ok(bins[hook.entry], `entry ${hook.entry} is a bin of the package`);
});

test('in a scratch git repository the entry fails on a staged draft with a wrong figure and passes on a clean one', { skip: spawnSync('git', ['--version']).status !== 0 && 'git is not installed' }, () => {
  const hook = hooks[0] as Hook;
  const repo = mkdtempSync(path.join(tmpdir(), 'sourcecheck-hook-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md'), path.join(repo, 'wrong.md'));
  writeFileSync(path.join(repo, 'clean.md'), 'Nothing here names a party or a figure.\n');
  writeFileSync(path.join(repo, 'notes.txt'), 'Meta paid $99 billion.\n');
  const run = (files: string[]) => {
    execFileSync('git', ['add', ...files], { cwd: repo });
    const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).split('\n').filter((f) => MARKDOWN.test(f));
    const bin = path.join(REPO_ROOT, bins[hook.entry] as string);
    return spawnSync(process.execPath, [bin, ...(hook.args ?? []), ...staged], { cwd: repo, encoding: 'utf8' });
  };
  const clean = run(['clean.md', 'notes.txt']);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '1 file checked, no problems\n');
  const wrong = run(['wrong.md']);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stdout, /^wrong\.md:6:\d+ {2}error {2}Source says about \$21 billion/m);
});
