/**
 * Hostile and malformed fact and configuration files through the real CLI: each is exit 2 with one
 * `file:line:col: error: message` line, never a stack trace, never a hang (every run has a deadline).
 * The fixtures are in test/fixtures/hostile; the huge, deep, looping and device cases are made here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI } from '../helpers/cli';
import { CONFIG_FILES, FACT_FILES, HOSTILE } from '../helpers/hostile';

const DEADLINE_MS = 20_000;
const DRAFT = 'Acme revenue was $4 billion.\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs the CLI in `cwd`, killing it at the deadline. */
function run(args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: DEADLINE_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** A fresh folder with the quoted notes, a draft and `files` (name -> text or bytes). */
function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-hostile-'));
  copyFileSync(path.join(HOSTILE, 'notes.txt'), path.join(dir, 'notes.txt'));
  writeFileSync(path.join(dir, 'a.md'), DRAFT);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/**
 * Asserts the run failed cleanly: exit 2, nothing on stdout, exactly one error line on stderr at
 * `file:where` (`where` is `line:col`, a regular expression) whose message matches `message`, then the CLI's summary, and no stack trace.
 */
function assertOneLocatedError(r: Run, file: string, where: string, message: RegExp): void {
  assert.equal(r.timedOut, false, `killed after ${DEADLINE_MS} ms`);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?$/m, `stack trace:\n${r.stderr}`);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
  assert.equal(errors.length, 1, `expected one error line, got:\n${r.stderr.slice(0, 2000)}`);
  const [line] = errors as [string];
  const located = new RegExp(`^${file.replace(/\./g, '\\.')}:${where}: error: (.*)$`).exec(line);
  assert.ok(located, `expected ${file}:${where}: error: ..., got ${line}`);
  assert.match(located[1] as string, message);
  assert.match(r.stderr, /^sourcecheck: the fact base has errors \(above\); nothing was checked against it\.$/m);
}

describe('hostile fact files through the CLI', { concurrency: 2 }, () => {
  for (const [fixture, where, message] of FACT_FILES) {
    it(fixture, async () => {
      const dir = workspace({ 'facts.yaml': readFileSync(path.join(HOSTILE, fixture)) });
      assertOneLocatedError(await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir), 'facts.yaml', where, message);
    });
  }

  for (const [fixture, where, message] of CONFIG_FILES) {
    it(`config/${fixture}`, async () => {
      const dir = workspace({
        'facts.yaml': readFileSync(path.join(HOSTILE, 'good.yaml')),
        '.sourcecheck.yaml': readFileSync(path.join(HOSTILE, 'config', fixture)),
      });
      assertOneLocatedError(await run(['a.md'], dir), '.sourcecheck.yaml', where, message);
    });
  }

  it('a 50 MB fact file is refused without reading it', async () => {
    const dir = workspace();
    // Written in chunks so the test itself never holds 50 MB.
    const fd = openSync(path.join(dir, 'facts.yaml'), 'w');
    const chunk = Buffer.from(`# ${'x'.repeat(1021)}\n`);
    for (let i = 0; i < 50 * 1024; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
    assertOneLocatedError(r, 'facts.yaml', '1:1', /^fact file is 50\.0 MB; files over 5 MB are not read$/);
  });

  it('a fact file of 50,000 keys with one repeated (yaml alone takes minutes)', async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n');
    const dir = workspace({ 'facts.yaml': `${keys}\nk7: again\n` });
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
    assertOneLocatedError(r, 'facts.yaml', '50001:1', /^duplicate key 'k7' \(keys of a mapping must be unique\)$/);
  });

  it('a fact file nested 100,000 levels deep', async () => {
    const dir = workspace({ 'facts.yaml': `version: 1\nfacts: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` });
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
    // The column is wherever yaml's stack ran out.
    assertOneLocatedError(r, 'facts.yaml', '2:\\d+', /^the YAML is nested too deeply to read$/);
  });

  it('a fact file that is a loop of symbolic links', async () => {
    const dir = workspace();
    symlinkSync('loop-b.yaml', path.join(dir, 'facts.yaml'));
    symlinkSync('facts.yaml', path.join(dir, 'loop-b.yaml'));
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
    assertOneLocatedError(r, 'facts.yaml', '1:1', /^fact file is a loop of symbolic links$/);
  });

  it('a fact file that is a directory', async () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'facts.yaml'));
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', 'a.md'], dir);
    assertOneLocatedError(r, 'facts.yaml', '1:1', /^fact file is a directory$/);
  });

  it('a valid fact file full of HTML, Markdown and script links checks normally and prints them as text', async () => {
    const dir = workspace({ 'facts.yaml': readFileSync(path.join(HOSTILE, 'content-html-markdown.yaml')) });
    const r = await run(['--no-default-facts', '--facts', 'facts.yaml', '--format', 'json', 'a.md'], dir);
    assert.equal(r.timedOut, false);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    const findings = (JSON.parse(r.stdout) as { files: Array<{ findings: Array<{ code: string; message: string }> }> }).files[0]?.findings ?? [];
    assert.deepEqual(findings.map((f) => f.code).sort(), ['mismatch', 'missing-citation']);
    assert.ok(findings.some((f) => f.message.includes('<b>Bold claims</b> and **stars** appear here too: [click](javascript:alert(1))')));
  });
});
