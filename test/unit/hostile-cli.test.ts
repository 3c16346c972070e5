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
import { CLI, REPO_ROOT } from '../helpers/cli';

const HOSTILE = path.join(REPO_ROOT, 'test', 'fixtures', 'hostile');
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

/** Fact files that must each fail with one located error: fixture, line:col, message. */
const FACT_FILES: Array<[string, string, RegExp]> = [
  ['syntax-unclosed-flow.yaml', '15:5', /^Flow sequence in block collection must be sufficiently indented and end with a \]$/],
  ['syntax-tab-indent.yaml', '6:1', /^Tabs are not allowed as indentation$/],
  ['duplicate-key.yaml', '16:5', /^duplicate key 'cues' \(keys of a mapping must be unique\)$/],
  ['two-documents.yaml', '19:1', /^expected a single YAML document, found a second one after "---"$/],
  ['wrong-type-version.yaml', '1:10', /^version: expected the number 1, found "1"$/],
  ['wrong-type-cues.yaml', '15:11', /^cues: expected a list of strings, found the number 42$/],
  ['root-is-a-list.yaml', '1:1', /^a fact file must be a mapping .*; found a list$/],
  ['unknown-key.yaml', '13:5', /^unknown key 'statment' in a fact; did you mean 'statement'\?$/],
  ['duplicate-fact-id.yaml', '19:9', /^duplicate fact id 'acme-revenue' \(first defined at facts\.yaml:12:9\)$/],
  ['duplicate-source-id.yaml', '8:9', /^duplicate source id 'example\.org' \(first defined at facts\.yaml:5:9\)$/],
  ['quote-not-in-source.yaml', '18:12', /^quote not found verbatim in notes\.txt: "Acme made a fortune"$/],
  ['html-markdown-in-quote.yaml', '18:12', /^quote not found verbatim in notes\.txt: "<img src=x onerror=alert\(1\)> \*\*Acme\*\* \[click\]\(javascript:alert\(1\)\)"$/],
  ['unknown-party.yaml', '14:21', /^unknown party 'globex'$/],
  ['billion-laughs.yaml', '3:11', /^aliases expand to too many nodes \(limit 1000\); refusing a possible "billion laughs" document$/],
  ['unknown-anchor.yaml', '14:14', /^unknown anchor 'nobody'/],
  ['javascript-url.yaml', '7:10', /^url: only http and https links are allowed, found "javascript:alert\(document\.cookie\)"$/],
  ['command-url.yaml', '7:10', /^url: only http and https links are allowed, found "command:workbench\./],
  ['data-url.yaml', '7:10', /^url: only http and https links are allowed, found "data:text\/html,/],
  ['huge-number.yaml', '16:14', /^minCues: expected a positive integer, found the number Infinity$/],
  ['huge-tolerance.yaml', '17:16', /^tolerance: expected a non-negative number, found the number Infinity$/],
  ['empty.yaml', '1:1', /^fact file is empty: /],
  ['comments-only.yaml', '1:1', /^fact file is empty: /],
  ['nul-byte.yaml', '13:20', /^fact file is a binary file \(NUL byte at 13:20\)$/],
  ['binary.yaml', '3:1', /^fact file is a binary file \(NUL byte at 3:1\)$/],
  ['latin1.yaml', '13:26', /^fact file is not valid UTF-8 \(invalid byte 0xe9 at 13:26\)$/],
  ['bom-crlf-unknown-key.yaml', '10:5', /^unknown key 'nmes' in a party; did you mean 'names'\?$/],
  ['document-not-a-file.yaml', '3:10', /^cannot read document 'notes' \(\/dev\/zero\): \/dev\/zero is not a regular file$/],
  ['document-missing.yaml', '3:10', /^cannot read document 'notes' \(\.\.\/\.\.\/nowhere\/notes\.txt\): \.\.\/\.\.\/nowhere\/notes\.txt no such file$/],
];

/** Configuration files (beside a good facts.yaml) that must each fail with one located error. */
const CONFIG_FILES: Array<[string, string, RegExp]> = [
  ['unknown-key.yaml', '1:1', /^unknown key 'factz' in the configuration; did you mean 'facts'\?$/],
  ['severity-not-a-mapping.yaml', '2:11', /^severity: expected a mapping, found "loud"$/],
  ['severity-unknown-level.yaml', '3:13', /^mismatch: expected one of error, warning, information, hint, off, found "fatal"$/],
  ['citation-style-list.yaml', '2:16', /^citationStyle: expected one of .*, found a list$/],
  ['default-facts-string.yaml', '2:15', /^defaultFacts: expected true or false, found "no"$/],
  ['billion-laughs.yaml', '3:9', /^aliases expand to too many nodes/],
  ['missing-fact-file.yaml', '1:21', /^cannot read fact file missing\.yaml: no such file$/],
  ['fact-file-not-a-file.yaml', '1:21', /^cannot read fact file \/dev\/zero: is not a regular file$/],
];

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
