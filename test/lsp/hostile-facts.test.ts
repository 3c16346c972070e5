/**
 * Hostile fact and configuration files in a workspace served by the real server over stdio: each,
 * typed into the editor or written to disk, is one located error diagnostic in that file; the server
 * neither crashes nor hangs; drafts keep being checked with the last good fact base; and a hover built
 * from a fact file full of HTML, Markdown and script links renders them as text with http(s) links only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes } from 'mdast';
import { DiagnosticSeverity, FileChangeType, MarkupKind, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { BYTE_FIXTURES, CONFIG_FILES, FACT_FILES, HOSTILE } from '../helpers/hostile';
import { Session, fileUri } from './helpers/client';

const DRAFT = 'Acme revenue was $4 billion.\n';
const CONFIG = 'facts: [facts.yaml]\ndefaultFacts: false\n';
const GOOD = readFileSync(path.join(HOSTILE, 'good.yaml'), 'utf8');

/** "15:5" (1-based, as the CLI prints) or a pattern such as "2:\\d+" matches the diagnostic's start. */
function at(where: string, d: Diagnostic): boolean {
  return new RegExp(`^${where}$`).test(`${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

describe('hostile fact files in the editor and on disk', () => {
  let dir: string;
  let session: Session;
  let draft: string;
  let facts: string;
  let config: string;
  let draftVersion = 1;
  let factsVersion = 1;
  let configVersion = 1;

  /** The draft is still checked against the last good base (the good file's $3 billion). */
  async function assertLastGoodBaseWorks(): Promise<void> {
    const count = session.publishedCount(draft);
    draftVersion++;
    await session.change(draft, draftVersion, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    const published = await session.waitForDiagnostics(draft, (p) => p.version === draftVersion, count);
    assert.ok(published.diagnostics.some((d) => d.code === 'mismatch' && d.message.startsWith('Source says $3 billion')), JSON.stringify(published.diagnostics));
  }

  /** Waits for `uri` to carry exactly one error, at `where`, whose message matches `message`. */
  async function expectOneError(uri: string, count: number, where: string, message: RegExp): Promise<void> {
    const published = await session.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error), count);
    const errors = published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const [error] = errors as [Diagnostic];
    assert.ok(at(where, error), `expected ${where}, got ${error.range.start.line + 1}:${error.range.start.character + 1}: ${error.message}`);
    assert.match(error.message, message);
    assert.equal(error.source, 'sourcecheck');
  }

  /** Waits until `uri` has no diagnostics (the good text is back). */
  async function expectCleared(uri: string, count: number): Promise<void> {
    await session.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, count);
  }

  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sourcecheck-lsp-hostile-')));
    copyFileSync(path.join(HOSTILE, 'notes.txt'), path.join(dir, 'notes.txt'));
    writeFileSync(path.join(dir, 'facts.yaml'), GOOD);
    writeFileSync(path.join(dir, '.sourcecheck.yaml'), CONFIG);
    writeFileSync(path.join(dir, 'draft.md'), DRAFT);
    session = await Session.start({ pull: false, folders: [dir] });
    draft = fileUri(path.join(dir, 'draft.md'));
    facts = fileUri(path.join(dir, 'facts.yaml'));
    config = fileUri(path.join(dir, '.sourcecheck.yaml'));
    await session.open(draft, DRAFT);
    const first = await session.waitForDiagnostics(draft, (p) => p.diagnostics.length > 0);
    assert.deepEqual(first.diagnostics.map((d) => d.code).sort(), ['mismatch', 'missing-citation']);
    await session.open(facts, GOOD, 'yaml');
  });

  after(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [fixture, where, message] of FACT_FILES) {
    if (BYTE_FIXTURES.has(fixture)) continue;
    test(`typed into facts.yaml: ${fixture}`, async () => {
      const count = session.publishedCount(facts);
      await session.change(facts, ++factsVersion, [{ text: readFileSync(path.join(HOSTILE, fixture), 'utf8') }]);
      await expectOneError(facts, count, where, message);
      await assertLastGoodBaseWorks();
      const restored = session.publishedCount(facts);
      await session.change(facts, ++factsVersion, [{ text: GOOD }]);
      await expectCleared(facts, restored);
    });
  }

  describe('written to disk while facts.yaml is closed', () => {
    before(async () => {
      await session.close(facts);
    });
    after(async () => {
      await session.open(facts, GOOD, 'yaml', ++factsVersion);
    });

    /**
     * Replaces facts.yaml on disk with `write`, tells the server, and expects the error in `inFile`
     * (facts.yaml itself, or the configuration entry naming a file that cannot be opened); then restores it.
     */
    async function onDisk(write: (file: string) => void, inFile: 'facts' | 'config', where: string, message: RegExp): Promise<void> {
      const file = path.join(dir, 'facts.yaml');
      const uri = inFile === 'facts' ? facts : config;
      rmSync(file, { recursive: true, force: true });
      write(file);
      const count = session.publishedCount(uri);
      await session.filesChanged([{ uri: facts, type: FileChangeType.Changed }]);
      await expectOneError(uri, count, where, message);
      await assertLastGoodBaseWorks();
      rmSync(file, { recursive: true, force: true });
      writeFileSync(file, GOOD);
      const restored = session.publishedCount(uri);
      await session.filesChanged([{ uri: facts, type: FileChangeType.Changed }]);
      await expectCleared(uri, restored);
    }

    for (const [fixture, where, message] of FACT_FILES) {
      if (!BYTE_FIXTURES.has(fixture)) continue;
      test(fixture, () => onDisk((file) => copyFileSync(path.join(HOSTILE, fixture), file), 'facts', where, message));
    }

    test('a 50 MB fact file', () =>
      onDisk((file) => {
        const fd = openSync(file, 'w');
        const chunk = Buffer.from(`# ${'x'.repeat(1021)}\n`);
        for (let i = 0; i < 50 * 1024; i++) writeSync(fd, chunk);
        closeSync(fd);
      }, 'config', '1:9', /^cannot read fact file facts\.yaml: is 50\.0 MB; files over 5 MB are not read$/));

    test('50,000 keys with one repeated', () =>
      onDisk((file) => writeFileSync(file, `${Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n')}\nk7: again\n`), 'facts', '50001:1', /^duplicate key 'k7'/));

    test('nested 100,000 levels deep', () =>
      onDisk((file) => writeFileSync(file, `version: 1\nfacts: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), 'facts', '2:\\d+', /^the YAML is nested too deeply to read$/));

    test('a loop of symbolic links', () =>
      onDisk((file) => {
        symlinkSync('loop.yaml', file);
        rmSync(path.join(dir, 'loop.yaml'), { force: true });
        symlinkSync('facts.yaml', path.join(dir, 'loop.yaml'));
      }, 'config', '1:9', /^cannot read fact file facts\.yaml: is a loop of symbolic links$/));

    test('a directory', () => onDisk((file) => mkdirSync(file), 'config', '1:9', /^cannot read fact file facts\.yaml: is a directory$/));
  });

  for (const [fixture, where, message] of CONFIG_FILES) {
    test(`typed into .sourcecheck.yaml: ${fixture}`, async () => {
      if (configVersion === 1) await session.open(config, CONFIG, 'yaml', configVersion);
      const count = session.publishedCount(config);
      await session.change(config, ++configVersion, [{ text: readFileSync(path.join(HOSTILE, 'config', fixture), 'utf8') }]);
      await expectOneError(config, count, where, message);
      await assertLastGoodBaseWorks();
      const restored = session.publishedCount(config);
      await session.change(config, ++configVersion, [{ text: CONFIG }]);
      await expectCleared(config, restored);
    });
  }

  test('a hover from a fact file full of HTML, Markdown and script links shows them as text, with http(s) links only', async () => {
    const hostile = readFileSync(path.join(HOSTILE, 'content-html-markdown.yaml'), 'utf8');
    const count = session.publishedCount(draft);
    await session.change(facts, ++factsVersion, [{ text: hostile }]);
    // The new base applies once the draft is re-checked with the new quote in its message.
    await session.waitForDiagnostics(draft, (p) => p.diagnostics.some((d) => d.message.includes('<b>Bold claims</b>')), count);
    const hover = await session.hover(draft, { line: 0, character: DRAFT.indexOf('$4') + 1 });
    assert.ok(hover, 'a hover on the mismatched figure');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);

    const tree = unified().use(remarkParse).use(remarkGfm).parse(contents.value);
    const links: string[] = [];
    const kinds = new Set<string>();
    let text = '';
    const visit = (node: Nodes): void => {
      kinds.add(node.type);
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') links.push(node.url);
      if (node.type === 'text') text += node.value;
      if ('children' in node) for (const child of node.children) visit(child as Nodes);
    };
    visit(tree);
    assert.ok(!kinds.has('html'), `no raw HTML in ${JSON.stringify(contents.value)}`);
    assert.ok(!kinds.has('image'), 'no images');
    assert.ok(links.length > 0 && links.every((url) => /^https?:\/\//.test(url)), `only http(s) links: ${JSON.stringify(links)}`);
    // What the fact file says arrives as the same characters, not as markup.
    const shown = text.replace(/\u2060/g, '');
    for (const literal of ['<b>Bold claims</b> and **stars** appear here too: [click](javascript:alert(1))', '[Example](javascript:alert(1)) <img src=x onerror=alert(1)>']) {
      assert.ok(shown.includes(literal), `${JSON.stringify(literal)} shown literally in ${JSON.stringify(shown)}`);
    }
    const restored = session.publishedCount(draft);
    await session.change(facts, ++factsVersion, [{ text: GOOD }]);
    await session.waitForDiagnostics(draft, (p) => p.diagnostics.some((d) => d.message.includes("Acme's revenue was $3 billion")), restored);
  });

  test('the server is alive, answers promptly and logged no errors', async () => {
    const started = Date.now();
    assert.ok(await session.hover(draft, { line: 0, character: DRAFT.indexOf('$4') + 1 }));
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(session.errorLogs(), []);
  });
});
