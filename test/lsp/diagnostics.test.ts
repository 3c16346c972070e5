/**
 * Diagnostics through the real server: pull and push, parity with the CLI on the shared examples,
 * incremental edits, stale versions and the large-document limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { parseJsonReport, runCli, type JsonFinding } from '../helpers/cli';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const EXAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.md')).sort();
const SEVERITY: Record<string, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

const WRONG_FIGURE = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';

/** What the CLI says about each example, in the shape both sides can be compared in. */
async function cliFindings(): Promise<Map<string, JsonFinding[]>> {
  const run = await runCli(['--format', 'json', ...exampleFiles.map((f) => path.join('test', 'fixtures', 'examples', f))]);
  assert.ok(run.code === 0 || run.code === 1, `CLI failed: ${run.stderr}`);
  const byPath = parseJsonReport(run.stdout);
  return new Map(exampleFiles.map((f) => [f, byPath.get(path.join('test', 'fixtures', 'examples', f)) ?? []]));
}

function comparable(items: Array<Diagnostic | JsonFinding>): string[] {
  return items.map((d) => {
    const severity = typeof d.severity === 'string' ? SEVERITY[d.severity] : d.severity;
    return JSON.stringify([d.code, d.range, d.message, severity]);
  });
}

function assertWellFormed(diagnostic: Diagnostic): void {
  assert.equal(diagnostic.source, 'sourcecheck');
  assert.equal(typeof diagnostic.code, 'string');
  assert.equal(diagnostic.codeDescription?.href, `https://github.com/source-check/source-check#${String(diagnostic.code)}`);
  if (diagnostic.code === 'mismatch') {
    const related = diagnostic.relatedInformation?.[0];
    assert.ok(related, 'a mismatch points at the source quote');
    assert.match(related.location.uri, /^file:\/\/.*meta-muse-spark-coreweave\.txt$/);
    // The range must cover the quote exactly: read the seed and compare the text there.
    const seed = readFileSync(path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'), 'utf8').split(/\r\n|\r|\n/);
    const { start, end } = related.location.range;
    assert.equal(start.line, end.line, 'seed quotes sit on one line');
    const quoted = seed[start.line]?.slice(start.character, end.character) ?? '';
    assert.ok(quoted.length > 10 && related.message.includes(quoted.slice(0, 40)), `related range covers "${quoted}"`);
    assert.ok(Array.isArray((diagnostic.data as { fixes?: unknown[] }).fixes));
  }
}

describe('pull diagnostics (client declares textDocument.diagnostic)', () => {
  let session: Session;
  let expected: Map<string, JsonFinding[]>;
  before(async () => {
    [session, expected] = await Promise.all([Session.start({ pull: true }), cliFindings()]);
  });
  after(() => session.stop());

  test('the server registers the diagnostic provider', () => {
    assert.ok(session.initializeResult?.capabilities.diagnosticProvider);
    assert.equal(session.initializeResult?.capabilities.textDocumentSync && typeof session.initializeResult.capabilities.textDocumentSync === 'object'
      ? session.initializeResult.capabilities.textDocumentSync.change
      : undefined, 2);
  });

  for (const file of exampleFiles) {
    test(`${file}: pulled diagnostics equal the CLI's findings`, async () => {
      const uri = fileUri(path.join(EXAMPLES, file));
      await session.open(uri, readFileSync(path.join(EXAMPLES, file), 'utf8'));
      const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      assert.ok(report.resultId, 'a result id');
      assert.deepEqual(comparable(report.items), comparable(expected.get(file) ?? []));
      report.items.forEach(assertWellFormed);
      // Nothing changed: the same result id answers "unchanged".
      const again = await session.pull(uri, report.resultId);
      assert.equal(again.kind, DocumentDiagnosticReportKind.Unchanged);
      await session.close(uri);
    });
  }

  test('diagnostics are never pushed to a pulling client', () => {
    for (const file of exampleFiles) assert.equal(session.publishedCount(fileUri(path.join(EXAMPLES, file))), 0);
  });

  test('an incremental edit that fixes the figure clears its diagnostic', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'pull-edit.md'));
    await session.open(uri, WRONG_FIGURE);
    const before = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(before.items.map((d) => d.code), ['mismatch']);
    const at = WRONG_FIGURE.indexOf('$31');
    await session.change(uri, 2, [{ range: { start: { line: 0, character: at + 1 }, end: { line: 0, character: at + 3 } }, text: '21' }]);
    const afterEdit = (await session.pull(uri, before.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(afterEdit.kind, DocumentDiagnosticReportKind.Full);
    assert.notEqual(afterEdit.resultId, before.resultId);
    assert.deepEqual(afterEdit.items, []);
  });
});

describe('push diagnostics (client without textDocument.diagnostic)', () => {
  let session: Session;
  let expected: Map<string, JsonFinding[]>;
  before(async () => {
    [session, expected] = await Promise.all([Session.start({ pull: false }), cliFindings()]);
  });
  after(() => session.stop());

  test('the server does not register the diagnostic provider', () => {
    assert.equal(session.initializeResult?.capabilities.diagnosticProvider, undefined);
  });

  for (const file of exampleFiles) {
    test(`${file}: published diagnostics equal the CLI's findings`, async () => {
      const uri = fileUri(path.join(EXAMPLES, file));
      await session.open(uri, readFileSync(path.join(EXAMPLES, file), 'utf8'), 'markdown', 7);
      const published = await session.waitForDiagnostics(uri);
      assert.equal(published.version, 7);
      assert.deepEqual(comparable(published.diagnostics), comparable(expected.get(file) ?? []));
      published.diagnostics.forEach(assertWellFormed);
    });
  }

  test('an incremental edit that fixes the figure clears its diagnostic', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'push-edit.md'));
    const text = `# Draft\n\n${WRONG_FIGURE}`;
    await session.open(uri, text);
    const first = await session.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['mismatch']);
    const at = WRONG_FIGURE.indexOf('$31');
    await session.change(uri, 2, [{ range: { start: { line: 2, character: at + 1 }, end: { line: 2, character: at + 2 } }, text: '2' }]);
    const fixed = await session.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(fixed.diagnostics, []);
  });

  test('two quick changes: the older version is never published after the newer', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'stale.md'));
    await session.open(uri, WRONG_FIGURE);
    await session.waitForDiagnostics(uri, (p) => p.version === 1);
    const start = session.publishedCount(uri);
    const at = WRONG_FIGURE.indexOf('$31');
    // Version 2 fixes the figure, version 3 breaks it again; both are sent before the server can answer.
    await Promise.all([
      session.change(uri, 2, [{ range: { start: { line: 0, character: at + 1 }, end: { line: 0, character: at + 2 } }, text: '2' }]),
      session.change(uri, 3, [{ range: { start: { line: 0, character: at + 1 }, end: { line: 0, character: at + 2 } }, text: '4' }]),
    ]);
    const latest = await session.waitForDiagnostics(uri, (p) => p.version === 3, start);
    assert.deepEqual(latest.diagnostics.map((d) => d.code), ['mismatch']);
    assert.match(latest.diagnostics[0]?.message ?? '', /\$41 billion/);
    // Let anything still queued arrive: a hover is answered after every earlier notification was handled.
    await session.hover(uri, { line: 0, character: 0 });
    const versions = (session.diagnostics.get(uri) ?? []).slice(start).map((p) => p.version);
    assert.equal(versions.at(-1), 3, `published versions in order: ${versions.join(', ')}`);
    assert.deepEqual([...versions].sort(), versions, 'versions only increase');
  });

  test('a document over 5 MB gets one information diagnostic and no check', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'huge.md'));
    const line = `${WRONG_FIGURE.trim()} `.repeat(40) + '\n';
    const text = line.repeat(Math.ceil((5.2 * 1024 * 1024) / line.length));
    await session.open(uri, text);
    const published = await session.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.length, 1);
    const only = published.diagnostics[0] as Diagnostic;
    assert.equal(only.severity, DiagnosticSeverity.Information);
    assert.deepEqual(only.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(only.message, /5 MB/);
  });

  test('a single line over 1 MB gets one information diagnostic', async () => {
    const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'long-line.md'));
    await session.open(uri, `# Title\n\n${'word '.repeat(220_000)}\n`);
    const published = await session.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.match(published.diagnostics[0]?.message ?? '', /line 3 is longer than 1 MB/);
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});
