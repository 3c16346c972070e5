/**
 * The workspace through the real server: settings changes, fact-file changes (on disk and in the
 * editor, broken and fixed), the custom messages, and the `sourcecheck-ls` bin.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, FileChangeType, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { checkWorkspaceProgress, checkWorkspaceRequest, factFilesRequest, recheckRequest, type CheckWorkspaceResult } from '../../server/src/lspExt';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'workspace');
const DRAFT = 'Acme Robotics raised $7 million in its seed round. (acme.example)\n';
const UNCITED = 'Meta announced its NVIDIA partnership on February 17, 2026.\n';

/** A fresh copy of the fixture workspace in a temporary directory. */
function makeWorkspace(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sourcecheck-lsp-')));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** The last item that satisfies `accept`. */
function lastWhere<T>(items: T[], accept: (item: T) => boolean): T | undefined {
  return [...items].reverse().find(accept);
}

/** The position of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" in the text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: (before.at(-1) ?? '').length };
}

describe('settings through workspace/configuration', () => {
  let session: Session;
  let uri: string;
  before(async () => {
    session = await Session.start({ pull: false });
    uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'settings.md'));
  });
  after(() => session.stop());

  test('a severity change applies without reload', async () => {
    await session.open(uri, UNCITED);
    const first = await session.waitForDiagnostics(uri);
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.severity]), [['missing-citation', DiagnosticSeverity.Warning]]);
    const asked = session.configurationRequests;

    const count = session.publishedCount(uri);
    await session.setSettings({ severity: { 'missing-citation': 'off' } });
    const off = await session.waitForDiagnostics(uri, () => true, count);
    assert.ok(session.configurationRequests > asked, 'the server pulled the configuration again');
    assert.deepEqual(off.diagnostics, []);

    const count2 = session.publishedCount(uri);
    await session.setSettings({ severity: { 'missing-citation': 'error' } });
    const error = await session.waitForDiagnostics(uri, () => true, count2);
    assert.deepEqual(error.diagnostics.map((d) => [d.code, d.severity]), [['missing-citation', DiagnosticSeverity.Error]]);
  });

  test('enable: false clears the diagnostics; true brings them back', async () => {
    const count = session.publishedCount(uri);
    await session.setSettings({ enable: false });
    const disabled = await session.waitForDiagnostics(uri, () => true, count);
    assert.deepEqual(disabled.diagnostics, []);
    const count2 = session.publishedCount(uri);
    await session.setSettings({ enable: true });
    const enabled = await session.waitForDiagnostics(uri, () => true, count2);
    assert.deepEqual(enabled.diagnostics.map((d) => d.code), ['missing-citation']);
  });

  test('run: onSave does not check while typing', async () => {
    // Settings apply once the server has pulled them and re-checked the open drafts.
    const applied = session.publishedCount(uri);
    await session.setSettings({ run: 'onSave' });
    await session.waitForDiagnostics(uri, () => true, applied);
    const doc = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'on-save.md'));
    await session.open(doc, UNCITED);
    await session.waitForDiagnostics(doc);
    const count = session.publishedCount(doc);
    await session.change(doc, 2, [{ text: `${UNCITED}\n${UNCITED}` }]);
    // A hover is answered after the change was handled; nothing may have been published for it.
    await session.hover(doc, { line: 0, character: 0 });
    assert.equal(session.publishedCount(doc), count);
    await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc } });
    const saved = await session.waitForDiagnostics(doc, (p) => p.version === 2, count);
    assert.deepEqual(saved.diagnostics.map((d) => d.code), ['missing-citation', 'missing-citation']);
    await session.setSettings({});
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});

describe('pull client: settings changes ask the client to refresh', () => {
  let session: Session;
  before(async () => {
    session = await Session.start({ pull: true });
  });
  after(() => session.stop());

  test('workspace/diagnostic/refresh after a configuration change, and the next pull differs', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'settings-pull.md'));
    await session.open(uri, UNCITED);
    const first = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(first.items.map((d) => d.code), ['missing-citation']);
    const refreshes = session.refreshes;
    await session.setSettings({ severity: { 'missing-citation': 'off' } });
    await session.waitFor('a diagnostic refresh', () => (session.refreshes > refreshes ? true : undefined));
    const second = await session.pull(uri, first.resultId);
    assert.equal(second.kind, DocumentDiagnosticReportKind.Full);
    assert.deepEqual((second as FullDocumentDiagnosticReport).items, []);
  });
});

describe('fact files are part of the workspace', () => {
  let dir: string;
  let session: Session;
  let draftUri: string;
  let factsPath: string;
  let factsUri: string;
  let goodFacts: string;

  beforeEach(async () => {
    dir = makeWorkspace();
    factsPath = path.join(dir, 'facts.yaml');
    factsUri = fileUri(factsPath);
    goodFacts = readFileSync(factsPath, 'utf8');
    draftUri = fileUri(path.join(dir, 'draft.md'));
    writeFileSync(path.join(dir, 'draft.md'), DRAFT);
    session = await Session.start({ pull: false, folders: [dir] });
    await session.open(draftUri, DRAFT);
    const first = await session.waitForDiagnostics(draftUri);
    assert.deepEqual(first.diagnostics.map((d) => d.message), ['Source says $5 million (acme.example); draft says $7 million.']);
    const related = first.diagnostics[0]?.relatedInformation?.[0];
    assert.equal(related?.location.uri, fileUri(path.join(dir, 'source.txt')), 'the quote is located in the user source document');
    assert.deepEqual(related?.location.range.start, positionOf(readFileSync(path.join(dir, 'source.txt'), 'utf8'), 'it raised $5 million'));
  });
  afterEach(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('on disk: a broken fact file gets diagnostics at the exact position, the last good base stays, a fix applies', async () => {
    const broken = goodFacts.replace('    cues: [raised, seed, round]\n', '    cues: [raised, seed, round]\n    minCues: many\n');
    writeFileSync(factsPath, broken);
    const draftCount = session.publishedCount(draftUri);
    await session.filesChanged([{ uri: factsUri, type: FileChangeType.Changed }]);

    const inFacts = await session.waitForDiagnostics(factsUri, (p) => p.diagnostics.length > 0);
    assert.equal(inFacts.diagnostics.length, 1);
    const problem = inFacts.diagnostics[0]!;
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.equal(problem.source, 'sourcecheck');
    assert.deepEqual(problem.range.start, positionOf(broken, 'many'));
    assert.match(problem.message, /minCues/);

    // The draft is re-checked, still against the last good base.
    const recheck = await session.waitForDiagnostics(draftUri, () => true, draftCount);
    assert.deepEqual(recheck.diagnostics.map((d) => d.message), ['Source says $5 million (acme.example); draft says $7 million.']);
    const status = await session.waitFor('a status with the fact error', () => lastWhere(session.statuses, (s) => s.factErrors > 0));
    assert.equal(status.factCount, 1);

    // The fix: the diagnostics in the fact file clear and the new facts apply.
    writeFileSync(factsPath, goodFacts.replace(/\$5 million/g, '$7 million'));
    writeFileSync(path.join(dir, 'source.txt'), readFileSync(path.join(dir, 'source.txt'), 'utf8').replace('$5 million', '$7 million'));
    const factCount = session.publishedCount(factsUri);
    const draftCount2 = session.publishedCount(draftUri);
    await session.filesChanged([
      { uri: factsUri, type: FileChangeType.Changed },
      { uri: fileUri(path.join(dir, 'source.txt')), type: FileChangeType.Changed },
    ]);
    const cleared = await session.waitForDiagnostics(factsUri, () => true, factCount);
    assert.deepEqual(cleared.diagnostics, []);
    const clean = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length === 0, draftCount2);
    assert.deepEqual(clean.diagnostics, []);
    assert.deepEqual(session.errorLogs(), []);
  });

  test('in the editor: unsaved edits of an open fact file apply, broken and fixed', async () => {
    await session.open(factsUri, goodFacts, 'yaml');
    // A YAML syntax error, typed but not saved.
    const broken = goodFacts.replace('parties: [acme]', 'parties: [acme');
    const draftCount = session.publishedCount(draftUri);
    await session.change(factsUri, 2, [{ text: broken }]);
    const inFacts = await session.waitForDiagnostics(factsUri, (p) => p.diagnostics.length > 0);
    assert.ok(inFacts.diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
    const first = inFacts.diagnostics[0]!;
    assert.ok(first.range.start.line >= positionOf(broken, 'parties: [acme').line, `error at ${JSON.stringify(first.range)}: ${first.message}`);
    const recheck = await session.waitForDiagnostics(draftUri, () => true, draftCount);
    assert.deepEqual(recheck.diagnostics.map((d) => d.code), ['mismatch'], 'the last good base stays in use');

    // Fixed in the editor, with a new figure: the draft's $7 million now agrees only if the new base applies.
    const quoteFree = goodFacts.replace('value: $5 million', 'value: $7 million').replace('    quote: it raised $5 million in a seed round\n', '    quote: Acme Robotics said on Tuesday\n');
    const factCount = session.publishedCount(factsUri);
    const draftCount2 = session.publishedCount(draftUri);
    await session.change(factsUri, 3, [{ text: quoteFree }]);
    const cleared = await session.waitForDiagnostics(factsUri, () => true, factCount);
    assert.deepEqual(cleared.diagnostics, []);
    const clean = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length === 0, draftCount2);
    assert.deepEqual(clean.diagnostics, []);

    // Closing the unsaved fact file falls back to the file on disk ($5 million).
    const draftCount3 = session.publishedCount(draftUri);
    await session.close(factsUri);
    const disk = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length === 1, draftCount3);
    assert.deepEqual(disk.diagnostics.map((d) => d.code), ['mismatch']);
  });

  test('a broken .sourcecheck.yaml gets diagnostics; deleting it clears them and the defaults apply', async () => {
    const configPath = path.join(dir, '.sourcecheck.yaml');
    const configUri = fileUri(configPath);
    const broken = readFileSync(configPath, 'utf8').replace('defaultFacts: false', 'defaultFacts: maybe');
    writeFileSync(configPath, broken);
    const brokenCount = session.publishedCount(draftUri);
    await session.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const inConfig = await session.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(inConfig.diagnostics.map((d) => d.range.start), [positionOf(broken, 'maybe')]);
    const lastGood = await session.waitForDiagnostics(draftUri, () => true, brokenCount);
    assert.deepEqual(lastGood.diagnostics.map((d) => d.code), ['mismatch'], 'the last good configuration and facts stay');

    rmSync(configPath);
    const configCount = session.publishedCount(configUri);
    const draftCount = session.publishedCount(draftUri);
    await session.filesChanged([{ uri: configUri, type: FileChangeType.Deleted }]);
    const cleared = await session.waitForDiagnostics(configUri, () => true, configCount);
    assert.deepEqual(cleared.diagnostics, []);
    // Without the configuration only the bundled seed applies, which knows nothing about Acme.
    const seedOnly = await session.waitForDiagnostics(draftUri, () => true, draftCount);
    assert.deepEqual(seedOnly.diagnostics, []);
  });

  test('the custom messages: factFiles, recheck, checkWorkspace with progress, status', async () => {
    const files = await session.request<string[]>(factFilesRequest.method, {});
    assert.deepEqual(files, [fileUri(path.join(dir, '.sourcecheck.yaml')), factsUri].sort());

    const status = await session.waitFor('a status', () => lastWhere(session.statuses, (s) => s.documents.some((d) => d.uri === draftUri)));
    assert.equal(status.enabled, true);
    assert.equal(status.factCount, 1);
    assert.equal(status.factErrors, 0);
    assert.deepEqual(status.documents.find((d) => d.uri === draftUri), { uri: draftUri, errors: 1, warnings: 0, hints: 0 });

    // A draft on disk that is not open, and one in node_modules that must be skipped.
    writeFileSync(path.join(dir, 'other.md'), DRAFT.replace('$7 million', '$9 million'));
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'pkg', 'README.md'), DRAFT);
    const progress: Array<{ done: number; total: number }> = [];
    session.connection.onNotification(checkWorkspaceProgress, (p) => progress.push(p));
    const result = await session.request<CheckWorkspaceResult>(checkWorkspaceRequest.method, {});
    assert.deepEqual(result, { files: 2, findings: 2, skipped: [] });
    assert.deepEqual(progress.at(-1), { done: 2, total: 2 });
    const other = await session.waitForDiagnostics(fileUri(path.join(dir, 'other.md')));
    assert.deepEqual(other.diagnostics.map((d) => d.message), ['Source says $5 million (acme.example); draft says $9 million.']);

    // recheck re-reads the facts from disk and re-checks the open drafts.
    writeFileSync(factsPath, goodFacts.replace('value: $5 million', 'value: $7 million').replace('    quote: it raised $5 million in a seed round\n', '    quote: Acme Robotics said on Tuesday\n'));
    const count = session.publishedCount(draftUri);
    await session.request<void>(recheckRequest.method, {});
    const clean = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length === 0, count);
    assert.deepEqual(clean.diagnostics, []);
    assert.deepEqual(session.errorLogs(), []);
  });
});

describe('"Check all drafts in workspace" lists drafts as the CLI does', () => {
  test('drafts that .gitignore or the ignore: list of .sourcecheck.yaml names are not checked', async () => {
    const dir = makeWorkspace();
    const wrong = DRAFT.replace('$7 million', '$9 million');
    writeFileSync(path.join(dir, '.sourcecheck.yaml'), `${readFileSync(path.join(dir, '.sourcecheck.yaml'), 'utf8')}ignore:\n  - archive/\n`);
    writeFileSync(path.join(dir, '.gitignore'), 'scratch.md\n');
    mkdirSync(path.join(dir, 'archive'));
    const checked = path.join(dir, 'draft.md');
    const ignored = [path.join(dir, 'archive', 'old.md'), path.join(dir, 'scratch.md')];
    for (const file of [checked, ...ignored]) writeFileSync(file, wrong);
    const session = await Session.start({ pull: false, folders: [dir] });
    try {
      const progress: Array<{ done: number; total: number }> = [];
      session.connection.onNotification(checkWorkspaceProgress, (p) => progress.push(p));
      const result = await session.request<CheckWorkspaceResult>(checkWorkspaceRequest.method, {});
      assert.deepEqual(result, { files: 1, findings: 1, skipped: [] });
      assert.deepEqual(progress.at(-1), { done: 1, total: 1 });
      const published = await session.waitForDiagnostics(fileUri(checked));
      assert.deepEqual(published.diagnostics.map((d) => d.message), ['Source says $5 million (acme.example); draft says $9 million.']);
      // Diagnostics of every draft checked are published before the request answers.
      for (const file of ignored) assert.equal(session.publishedCount(fileUri(file)), 0, `${path.basename(file)} was not checked`);
      assert.deepEqual(session.errorLogs(), []);
    } finally {
      await session.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sourcecheck-ls bin', () => {
  test('starts over stdio without arguments and answers initialize', async () => {
    const session = await Session.start({ pull: false, bin: true });
    try {
      assert.equal(session.initializeResult?.serverInfo?.name, 'sourcecheck-ls');
      const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'bin.md'));
      await session.open(uri, UNCITED);
      const published = await session.waitForDiagnostics(uri);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['missing-citation']);
    } finally {
      await session.stop();
    }
  });
});

describe('workspace trust', () => {
  test('an untrusted workspace does not choose the facts: only the bundled seed applies', async () => {
    const dir = makeWorkspace();
    const draft = `${DRAFT}\nMeta's CoreWeave deal is worth $12 billion. (investors.coreweave.com)\n`;
    const draftUri = fileUri(path.join(dir, 'draft.md'));
    writeFileSync(path.join(dir, 'draft.md'), draft);
    const untrusted = await Session.start({ pull: false, folders: [dir], initializationOptions: { trusted: false } });
    try {
      await untrusted.open(draftUri, draft);
      const published = await untrusted.waitForDiagnostics(draftUri);
      assert.deepEqual(published.diagnostics.map((d) => d.message), ['Source says about $21 billion (investors.coreweave.com); draft says $12 billion.']);
      const status = await untrusted.waitFor('a status', () => lastWhere(untrusted.statuses, (s) => s.factCount > 0));
      // The configuration file is still read (severities are harmless); its fact files are not.
      const factFiles = status.factFiles.filter((f) => !f.endsWith('.sourcecheck.yaml'));
      assert.equal(factFiles.length, 1);
      assert.match(factFiles[0] ?? '', /\/seeds\/facts\.yaml$/);
    } finally {
      await untrusted.stop();
    }
    const trusted = await Session.start({ pull: false, folders: [dir], initializationOptions: { trusted: true } });
    try {
      await trusted.open(draftUri, draft);
      const published = await trusted.waitForDiagnostics(draftUri);
      assert.deepEqual(published.diagnostics.map((d) => d.message), ['Source says $5 million (acme.example); draft says $7 million.']);
    } finally {
      await trusted.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('source notes named by the sourcecheck.sources setting', () => {
  test('a draft is checked against facts extracted from the notes; editing an open note re-checks it', async () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sourcecheck-lsp-sources-')));
    const notesDir = path.join(REPO_ROOT, 'test', 'fixtures', 'sources', 'notes');
    cpSync(notesDir, path.join(dir, 'notes'), { recursive: true });
    const noteName = readdirSync(path.join(dir, 'notes')).find((name) => name.endsWith('.md'));
    assert.ok(noteName);
    const notePath = path.join(dir, 'notes', noteName);
    const note = readFileSync(notePath, 'utf8');
    const draft = 'The Riverton City Council approved a $58 million contract with Kessler Construction to rebuild the Elm Street Bridge. (rivertongazette.com)\n';
    const draftUri = fileUri(path.join(dir, 'draft.md'));
    writeFileSync(path.join(dir, 'draft.md'), draft);
    const session = await Session.start({ pull: false, folders: [dir], settings: { sources: ['notes/*.md'], defaultFacts: false } });
    try {
      await session.open(draftUri, draft);
      const first = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length > 0);
      assert.deepEqual(first.diagnostics.map((d) => [d.code, d.message]), [
        ['mismatch', 'Source says $48 million (rivertongazette.com); draft says $58 million.'],
      ]);
      assert.equal(first.diagnostics[0]?.relatedInformation?.[0]?.location.uri, fileUri(notePath));

      // The writer corrects the note in the editor (unsaved): the draft now agrees with it.
      const noteUri = fileUri(notePath);
      await session.open(noteUri, note);
      const count = session.publishedCount(draftUri);
      const at = note.indexOf('$48 million');
      const lines = note.slice(0, at).split('\n');
      const start = { line: lines.length - 1, character: (lines.at(-1) ?? '').length };
      await session.change(noteUri, 2, [{ range: { start, end: { line: start.line, character: start.character + 11 } }, text: '$58 million' }]);
      const after = await session.waitForDiagnostics(draftUri, (p) => p.diagnostics.length === 0, count);
      assert.deepEqual(after.diagnostics, []);
      assert.deepEqual(session.errorLogs(), []);
    } finally {
      await session.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
