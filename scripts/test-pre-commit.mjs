// Runs .pre-commit-hooks.yaml through the real pre-commit framework in a scratch git repository:
// `pre-commit try-repo` installs this checkout (with its uncommitted changes) as pre-commit installs
// a release (npm install, then the package's bin) and runs it on chosen files; then a commit of a draft with a wrong figure is refused and a clean one
// goes through. Needs `pre-commit` (pip or Debian's package) and git; exits 2 when they are missing.
// Usage: npm run test:hooks
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const tool of ['pre-commit', 'git']) {
  if (spawnSync(tool, ['--version']).status !== 0) {
    console.error(`test-pre-commit: ${tool} is not installed`);
    process.exit(2);
  }
}
const scratch = mkdtempSync(path.join(tmpdir(), 'sourcecheck-pre-commit-'));
const env = { ...process.env, PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home'), GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };
const repo = path.join(scratch, 'drafts');
const git = (...args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
execFileSync('git', ['init', '-q', repo], { env });
// pre-commit installs a hook from a commit: a clone of this checkout with its uncommitted changes committed.
const source = path.join(scratch, 'source-check');
execFileSync('git', ['clone', '-q', root, source], { env });
const list = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
for (const file of new Set([...list('diff', '--name-only', 'HEAD'), ...list('ls-files', '--others', '--exclude-standard')])) {
  mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
  if (existsSync(path.join(root, file))) copyFileSync(path.join(root, file), path.join(source, file));
  else rmSync(path.join(source, file), { force: true });
}
execFileSync('git', ['add', '-A'], { cwd: source, env });
execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'uncommitted changes'], { cwd: source, env });
const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: source, encoding: 'utf8' }).trim();
// The hook as a writer's repository uses it.
writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${source}\n    rev: ${rev}\n    hooks:\n      - id: sourcecheck\n`);
copyFileSync(path.join(root, 'test', 'fixtures', 'examples', 'p1-figures.md'), path.join(repo, 'wrong.md'));
writeFileSync(path.join(repo, 'clean.md'), 'Nothing here names a party or a figure.\n');
writeFileSync(path.join(repo, 'notes.txt'), 'Meta paid $99 billion.\n');

let failures = 0;
function expect(name, run, status, pattern) {
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const ok = run.status === status && (!pattern || pattern.test(output));
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}`);
  if (!ok) {
    failures++;
    console.log(`  exit ${run.status}, expected ${status}\n${output.replace(/^/gm, '  | ')}`);
  }
}

// try-repo installs the hook from this checkout and runs it on the given files.
expect('try-repo: a draft with a wrong figure fails the hook, with the finding printed',
  spawnSync('pre-commit', ['try-repo', source, 'sourcecheck', '--files', 'wrong.md', 'clean.md', 'notes.txt'], { cwd: repo, env, encoding: 'utf8' }),
  1, /wrong\.md:6:\d+ {2}error {2}Source says about \$21 billion/);
expect('try-repo: a clean draft passes',
  spawnSync('pre-commit', ['try-repo', source, 'sourcecheck', '--files', 'clean.md'], { cwd: repo, env, encoding: 'utf8' }),
  0);

// As installed: git commit runs the hook on the staged Markdown only.
const installed = spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' });
expect('pre-commit install', installed, 0);
git('add', 'clean.md', 'notes.txt', '.pre-commit-config.yaml');
expect('git commit of a clean draft (and a text file the hook skips) goes through',
  spawnSync('git', ['commit', '-q', '-m', 'clean'], { cwd: repo, env, encoding: 'utf8' }), 0);
git('add', 'wrong.md');
expect('git commit of a draft with a wrong figure is refused',
  spawnSync('git', ['commit', '-q', '-m', 'wrong'], { cwd: repo, env, encoding: 'utf8' }), 1, /Source Check\.+Failed/);

console.log(failures === 0 ? 'pre-commit hook: all passed' : `pre-commit hook: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
