/**
 * `--cache`: a second run serves unchanged drafts from the cache; an edited draft, an edited fact
 * file, other settings or another tool version are checked afresh; a corrupt cache is rewritten.
 * Which drafts came from the cache is seen by planting a marker finding in every cache entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { acmeFacts, parseJsonReport, runCli, REPO_ROOT, type CliRun } from '../helpers/cli';


const CONFIG = 'facts: [facts.yaml]\ndefaultFacts: false\n';
const WRONG = "Acme's revenue was $5 billion. (example.org)\n";
const CLEAN = 'Nothing here names a party or a figure.\n';
const MARKER = 'PLANTED IN THE CACHE';
const CACHE_ARGS = ['--cache', '--cache-location', 'cache/'];

/** A workspace at `dir/name` whose fact says Acme's revenue was `value`, with `drafts`. */
function workspace(dir: string, name: string, value: string, drafts: Record<string, string>): void {
  const root = path.join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, '.sourcecheck.yaml'), CONFIG);
  writeFileSync(path.join(root, 'notes.txt'), `Acme's revenue was ${value} in 2025. (example.org)\n`);
  writeFileSync(path.join(root, 'facts.yaml'), acmeFacts(value));
  for (const [file, text] of Object.entries(drafts)) writeFileSync(path.join(root, file), text);
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sourcecheck-cache-'));
}

const CACHE_FILE = (dir: string) => path.join(dir, 'cache', 'findings.json');

/** Replaces every cached finding list with one marker finding. */
function plantMarkers(dir: string): void {
  const cache = JSON.parse(readFileSync(CACHE_FILE(dir), 'utf8'));
  const marker = { code: 'mismatch', severity: 'error', message: MARKER, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, sources: [], fixes: [] };
  for (const entry of Object.values(cache.entries) as Array<{ findings: unknown[] }>) entry.findings = [marker];
  writeFileSync(CACHE_FILE(dir), JSON.stringify(cache));
}

/** The drafts of a JSON run reported from the cache (those showing the marker), sorted. */
function fromCache(run: CliRun): string[] {
  return [...parseJsonReport(run.stdout)].filter(([, findings]) => findings.some((f) => f.message === MARKER)).map(([file]) => file).sort();
}

async function json(args: string[], cwd: string, cli?: string): Promise<CliRun> {
  const run = cli ? await runBuilt(cli, ['--format', 'json', ...args], cwd) : await runCli(['--format', 'json', ...args], cwd);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return run;
}

test('a second run serves unchanged drafts from the cache, with the same output as a run without it', async () => {
  const dir = tempDir();
  workspace(dir, 'ws', '$3 billion', { 'a.md': WRONG, 'b.md': CLEAN });
  const plain = await json(['ws'], dir);
  const first = await json([...CACHE_ARGS, 'ws'], dir);
  assert.equal(first.stdout, plain.stdout);
  assert.equal(first.code, 1);
  const second = await json([...CACHE_ARGS, 'ws'], dir);
  assert.equal(second.stdout, plain.stdout);
  assert.equal(second.code, 1);
  // Text and SARIF from the cache match too.
  for (const format of ['text', 'sarif']) {
    const fresh = await runCli(['--format', format, 'ws'], dir);
    const cached = await runCli(['--format', format, ...CACHE_ARGS, 'ws'], dir);
    assert.equal(cached.stdout, fresh.stdout, format);
  }
  plantMarkers(dir);
  assert.deepEqual(fromCache(await json([...CACHE_ARGS, 'ws'], dir)), ['ws/a.md', 'ws/b.md']);
});

test('the cache lives in node_modules/.cache/sourcecheck/ unless --cache-location says otherwise', async () => {
  const dir = tempDir();
  workspace(dir, 'ws', '$3 billion', { 'a.md': WRONG });
  await json(['--cache', 'ws'], dir);
  assert.ok(existsSync(path.join(dir, 'node_modules', '.cache', 'sourcecheck', 'findings.json')));
  await json(['--cache', '--cache-location', 'my-cache.json', 'ws'], dir);
  assert.ok(existsSync(path.join(dir, 'my-cache.json')));
  const usage = await runCli(['--cache-location', 'x', 'ws'], dir);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--cache-location goes with --cache/);
});

test('an edited draft is checked again; the others come from the cache', async () => {
  const dir = tempDir();
  workspace(dir, 'ws', '$3 billion', { 'a.md': CLEAN, 'b.md': CLEAN });
  await json([...CACHE_ARGS, 'ws'], dir);
  plantMarkers(dir);
  writeFileSync(path.join(dir, 'ws', 'a.md'), WRONG);
  const run = await json([...CACHE_ARGS, 'ws'], dir);
  assert.deepEqual(fromCache(run), ['ws/b.md']);
  assert.deepEqual((parseJsonReport(run.stdout).get('ws/a.md') ?? []).map((f) => [f.code, f.expected]), [['mismatch', '$3 billion']]);
});

test('an edited fact file re-checks exactly the drafts of its workspace', async () => {
  const dir = tempDir();
  workspace(dir, 'one', '$3 billion', { 'a.md': WRONG, 'b.md': CLEAN });
  workspace(dir, 'two', '$3 billion', { 'c.md': WRONG });
  await json([...CACHE_ARGS, 'one', 'two'], dir);
  plantMarkers(dir);
  writeFileSync(path.join(dir, 'one', 'notes.txt'), "Acme's revenue was $5 billion in 2025. (example.org)\n");
  writeFileSync(path.join(dir, 'one', 'facts.yaml'), acmeFacts('$5 billion'));
  const run = await json([...CACHE_ARGS, 'one', 'two'], dir);
  assert.deepEqual(fromCache(run), ['two/c.md']);
  // The fact now agrees with the draft: no finding is left over from before the edit.
  assert.deepEqual(parseJsonReport(run.stdout).get('one/a.md'), []);
  // Other settings (here a severity in .sourcecheck.yaml) invalidate too.
  plantMarkers(dir);
  writeFileSync(path.join(dir, 'two', '.sourcecheck.yaml'), `${CONFIG}severity:\n  mismatch: warning\n`);
  const again = await json([...CACHE_ARGS, 'one', 'two'], dir);
  assert.deepEqual(fromCache(again), ['one/a.md', 'one/b.md']);
  assert.deepEqual((parseJsonReport(again.stdout).get('two/c.md') ?? []).map((f) => f.severity), ['warning']);
});

test('a changed quoted document or a new source note matching a sources: glob re-checks its workspace', async () => {
  const dir = tempDir();
  workspace(dir, 'one', '$3 billion', { 'a.md': WRONG });
  workspace(dir, 'two', '$3 billion', { 'b.md': WRONG });
  writeFileSync(path.join(dir, 'two', '.sourcecheck.yaml'), `${CONFIG}sources: ["notes/*.md"]\n`);
  mkdirSync(path.join(dir, 'two', 'notes'));
  writeFileSync(path.join(dir, 'two', 'notes', 'first.md'), 'Nothing cited here.\n');
  await json([...CACHE_ARGS, 'one/a.md', 'two/b.md'], dir);
  plantMarkers(dir);
  assert.deepEqual(fromCache(await json([...CACHE_ARGS, 'one/a.md', 'two/b.md'], dir)), ['one/a.md', 'two/b.md']);
  // The document the fact file quotes, not the fact file itself.
  writeFileSync(path.join(dir, 'one', 'notes.txt'), "Acme's revenue was $3 billion in 2025, up from 2024. (example.org)\n");
  writeFileSync(path.join(dir, 'two', 'notes', 'second.md'), 'Nor here.\n');
  assert.deepEqual(fromCache(await json([...CACHE_ARGS, 'one/a.md', 'two/b.md'], dir)), []);
});

test('a corrupt, truncated or ill-shaped cache file is ignored and rewritten', async () => {
  const dir = tempDir();
  workspace(dir, 'ws', '$3 billion', { 'a.md': WRONG, 'b.md': CLEAN });
  const plain = await json(['ws'], dir);
  await json([...CACHE_ARGS, 'ws'], dir);
  const good = readFileSync(CACHE_FILE(dir), 'utf8');
  plantMarkers(dir);
  const planted = readFileSync(CACHE_FILE(dir), 'utf8');
  const illShaped = JSON.parse(planted);
  (Object.values(illShaped.entries)[0] as { findings: Array<{ range: unknown }> }).findings[0]!.range = { start: { line: -1 } };
  const corruptions: Record<string, string | Buffer> = {
    truncated: planted.slice(0, Math.floor(planted.length / 2)),
    garbage: Buffer.from([0xff, 0x00, 0x13, 0x37]),
    empty: '',
    'not an object': '[]',
    'an entry of the wrong shape': JSON.stringify(illShaped),
  };
  for (const [name, content] of Object.entries(corruptions)) {
    writeFileSync(CACHE_FILE(dir), content);
    const run = await json([...CACHE_ARGS, 'ws'], dir);
    assert.equal(run.stdout, plain.stdout, name);
    assert.equal(run.stderr, '', name);
    assert.equal(readFileSync(CACHE_FILE(dir), 'utf8'), good, `${name}: rewritten`);
  }
});

/** Runs a CLI bundle built elsewhere (another version) as `node BUNDLE ...`. */
function runBuilt(runner: string, args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [runner, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('another tool version does not use the cache of this one', async () => {
  const dir = tempDir();
  workspace(dir, 'ws', '$3 billion', { 'a.md': WRONG, 'b.md': CLEAN });
  // The same CLI built as another version.
  const out = path.join(dir, 'other-version');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'server', 'src', 'cli', 'main.ts')],
    outfile: path.join(out, 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { __VERSION__: JSON.stringify('99.0.0-other'), 'import.meta.url': '__importMetaUrl' },
  });
  const runner = path.join(out, 'run.js');
  writeFileSync(runner, "require('./cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n");
  assert.equal((await runBuilt(runner, ['--version'], dir)).stdout, '99.0.0-other\n');

  await json([...CACHE_ARGS, 'ws'], dir);
  plantMarkers(dir);
  const other = await json([...CACHE_ARGS, 'ws'], dir, runner);
  assert.deepEqual(fromCache(other), []);
  assert.equal(JSON.parse(readFileSync(CACHE_FILE(dir), 'utf8')).version, '99.0.0-other');
  plantMarkers(dir);
  // And back: this version does not trust the other's entries either.
  assert.deepEqual(fromCache(await json([...CACHE_ARGS, 'ws'], dir)), []);
});
