/** What people type: a directory (with .gitignore and `ignore:`), `-` for stdin, --max-warnings, progress. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, parseJsonReport, runCli, REPO_ROOT } from '../helpers/cli';
import { Progress } from '../../server/src/cli/progress';

const P1 = path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md');
const P2 = path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p2-citations.md');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sourcecheck-inputs-'));
}

/** Writes `files` (path relative to `dir` → text, or a file to copy) under `dir`. */
function layout(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (content.startsWith(REPO_ROOT)) copyFileSync(content, file);
    else writeFileSync(file, content);
  }
}

async function checkedPaths(args: string[], cwd: string): Promise<string[]> {
  const run = await runCli(['--format', 'json', ...args], cwd);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return [...parseJsonReport(run.stdout).keys()];
}

const CLEAN = 'Nothing here names a party or a figure.\n';

test('a directory stands for the Markdown under it, sorted, without hidden entries or node_modules', async () => {
  const dir = tempDir();
  layout(dir, {
    'drafts/b.md': P1,
    'drafts/a.md': CLEAN,
    'drafts/sub/c.markdown': P2,
    'drafts/notes.txt': 'Meta paid $99 billion.\n',
    'drafts/.hidden/d.md': P1,
    'drafts/.e.md': P1,
    'drafts/node_modules/pkg/f.md': P1,
  });
  assert.deepEqual(await checkedPaths(['drafts'], dir), ['drafts/a.md', 'drafts/b.md', 'drafts/sub/c.markdown']);
  assert.deepEqual(await checkedPaths(['drafts/'], dir), ['drafts/a.md', 'drafts/b.md', 'drafts/sub/c.markdown']);
  assert.deepEqual(await checkedPaths(['.'], path.join(dir, 'drafts')), ['a.md', 'b.md', 'sub/c.markdown']);
  // Files given by name and found in the directory are checked once.
  assert.deepEqual(await checkedPaths(['drafts/b.md', 'drafts'], dir), ['drafts/b.md', 'drafts/a.md', 'drafts/sub/c.markdown']);
  const run = await runCli(['drafts'], dir);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^drafts\/b\.md:6:\d+ {2}error {2}Source says about \$21 billion/m);
});

test('.gitignore files of the repository apply, nested ones and negations too; a file named outright is still checked', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, '.git'));
  layout(dir, {
    '.gitignore': 'drafts/old/\n*.tmp.md\n!keep.tmp.md\n',
    'drafts/.gitignore': 'secret.md\n',
    'drafts/a.md': CLEAN,
    'drafts/old/x.md': P1,
    'drafts/y.tmp.md': P1,
    'drafts/keep.tmp.md': CLEAN,
    'drafts/secret.md': P1,
    'drafts/deeper/secret.md': P1,
    'drafts/deeper/z.md': CLEAN,
  });
  assert.deepEqual(await checkedPaths(['drafts'], dir), ['drafts/a.md', 'drafts/deeper/z.md', 'drafts/keep.tmp.md']);
  // From inside the repository, the .gitignore above the directory still applies.
  assert.deepEqual(await checkedPaths(['.'], path.join(dir, 'drafts')), ['a.md', 'deeper/z.md', 'keep.tmp.md']);
  assert.deepEqual(await checkedPaths(['drafts/old/x.md'], dir), ['drafts/old/x.md']);
});

test('the directory walk skips exactly what git itself ignores', { skip: spawnSync('git', ['--version']).status !== 0 && 'git is not installed' }, async () => {
  const dir = tempDir();
  layout(dir, {
    '.gitignore': '/build\n**/draft-*.md\n*.md~\nlogs/**\n!logs/keep.md\nnotes/*\n!notes/public/\n',
    'build/a.md': CLEAN,
    'src/build/b.md': CLEAN,
    'x/draft-1.md': CLEAN,
    'x/final.md': CLEAN,
    'logs/l.md': CLEAN,
    'logs/keep.md': CLEAN,
    'notes/private.md': CLEAN,
    'notes/public/p.md': CLEAN,
    'sub/.gitignore': '*.md\n!only.md\n',
    'sub/only.md': CLEAN,
    'sub/other.md': CLEAN,
    'top.md': CLEAN,
  });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const byGit = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.md'))
    .sort();
  assert.deepEqual((await checkedPaths(['.'], dir)).sort(), byGit);
});

test('an ignore: list in .sourcecheck.yaml skips drafts below the configuration file', async () => {
  const dir = tempDir();
  layout(dir, {
    '.sourcecheck.yaml': 'ignore: [archive/, "*.notes.md"]\n',
    'drafts/a.md': CLEAN,
    'drafts/b.notes.md': P1,
    'drafts/archive/old.md': P1,
    'archive/top.md': P1,
  });
  assert.deepEqual(await checkedPaths(['drafts'], dir), ['drafts/a.md']);
  assert.deepEqual(await checkedPaths(['.'], dir), ['drafts/a.md']);
  // The configuration is found above the directory given, too.
  assert.deepEqual(await checkedPaths(['.'], path.join(dir, 'drafts')), ['a.md']);
});

test('- reads the draft from standard input; --stdin-filename names it and finds its .sourcecheck.yaml', async () => {
  const dir = tempDir();
  layout(dir, { 'drafts/.sourcecheck.yaml': 'severity:\n  mismatch: warning\n' });
  const text = readFileSync(P1, 'utf8');
  const named = await runCli(['--stdin-filename', 'drafts/p1.md', '-'], dir, text);
  assert.equal(named.code, 1, named.stderr);
  assert.match(named.stdout, /^drafts\/p1\.md:6:\d+ {2}warning {2}Source says about \$21 billion/m);
  const unnamed = await runCli(['--format', 'json', '-'], dir, text);
  const findings = parseJsonReport(unnamed.stdout).get('<stdin>') ?? [];
  assert.ok(findings.some((f) => f.code === 'mismatch' && f.severity === 'error' && f.range.start.line === 5));
  const clean = await runCli(['-'], dir, CLEAN);
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '1 file checked, no problems\n');
  const binary = await runCli(['-'], dir, 'a\0b');
  assert.equal(binary.code, 2);
  assert.match(binary.stderr, /^sourcecheck: <stdin>: is a binary file/m);
});

test('- goes alone, not with --fix; --stdin-filename needs -', async () => {
  for (const [args, message] of [
    [['-', 'a.md'], /cannot be mixed with files/],
    [['--fix', '-'], /--fix cannot rewrite standard input/],
    [['--stdin-filename', 'a.md', 'a.md'], /--stdin-filename goes with -/],
  ] as const) {
    const run = await runCli([...args], REPO_ROOT, CLEAN);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
});

test('--max-warnings N: more than N warnings exit 1 and say so; errors always exit 1', async () => {
  const p2 = path.relative(REPO_ROOT, P2);
  const p1 = path.relative(REPO_ROOT, P1);
  const plain = await runCli([p2]);
  assert.equal(plain.code, 1, 'without the option any warning fails');
  assert.match(plain.stdout, /\(0 errors, 3 warnings, 0 hints\)/);
  const within = await runCli(['--max-warnings', '3', p2]);
  assert.equal(within.code, 0);
  assert.equal(within.stderr, '');
  const over = await runCli(['--max-warnings', '2', p2]);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /^sourcecheck: 3 warnings, more than --max-warnings 2$/m);
  const zero = await runCli(['--max-warnings', '0', p2]);
  assert.equal(zero.code, 1);
  const unlimited = await runCli(['--max-warnings=-1', p2]);
  assert.equal(unlimited.code, 0);
  const errors = await runCli(['--max-warnings', '100', p1]);
  assert.equal(errors.code, 1);
  for (const bad of ['x', '-2', '1.5', '']) {
    const run = await runCli([`--max-warnings=${bad}`, p2]);
    assert.equal(run.code, 2, bad);
    assert.match(run.stderr, /--max-warnings takes a whole number from 0, or -1 for no limit/);
  }
});

test('no progress is written when stderr is not a terminal', async () => {
  const run = await runCli(['--jobs', '1', 'test/fixtures/examples']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, '');
});

test('on a terminal a run over several drafts shows progress on stderr and erases it', { skip: spawnSync('script', ['--version']).status !== 0 && 'script (util-linux) is not installed' }, () => {
  // `script` gives the CLI a pseudo-terminal for stdout and stderr, and copies what it writes.
  const command = [process.execPath, CLI, '--jobs', '1', 'test/fixtures/examples'].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  // The last count, then the line erased before the report starts.
  // eslint-disable-next-line no-control-regex -- the escape sequence is what is tested
  assert.match(run.stdout, /^\r\x1b\[Ksourcecheck: 1\/4 drafts checked.*\r\x1b\[Ksourcecheck: 4\/4 drafts checked\r\x1b\[Ktest\/fixtures\/examples\/p1-figures\.md:6:/s);
  assert.match(run.stdout, /8 problems \(5 errors, 3 warnings, 0 hints\) in 4 files\r\n$/);
});

test('Progress: nothing off a terminal or for one draft; on one, at most one update per 100 ms, the last always, erased at the end', () => {
  let now = 0;
  const written: string[] = [];
  const terminal = { isTTY: true, write: (text: string) => written.push(text) };
  const piped = new Progress({ isTTY: false, write: (text: string) => written.push(text) }, 10, () => now);
  for (let i = 0; i < 10; i++) piped.tick();
  piped.finish();
  const single = new Progress(terminal, 1, () => now);
  single.tick();
  single.finish();
  assert.deepEqual(written, []);
  const progress = new Progress(terminal, 4, () => now);
  progress.tick();
  now = 50;
  progress.tick();
  now = 150;
  progress.tick();
  now = 160;
  progress.tick();
  progress.finish();
  assert.deepEqual(written, [
    '\r\x1b[Ksourcecheck: 1/4 drafts checked',
    '\r\x1b[Ksourcecheck: 3/4 drafts checked',
    '\r\x1b[Ksourcecheck: 4/4 drafts checked',
    '\r\x1b[K',
  ]);
});
