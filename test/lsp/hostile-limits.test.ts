/**
 * Size limits through the real server: a 10 MB draft and a draft with a 1 MB line are not checked and
 * carry one information diagnostic at 0:0 saying why; typing into them stays cheap; splitting the
 * long line brings checking back; and requests about another draft answer promptly meanwhile.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';
const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');
/** "Promptly": far above a hover's usual few milliseconds, far below a check of a large draft. */
const PROMPT_MS = 3000;

function assertNotChecked(published: PublishDiagnosticsParams, why: RegExp): void {
  assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics.slice(0, 3)));
  const [only] = published.diagnostics;
  assert.equal(only?.severity, DiagnosticSeverity.Information);
  assert.deepEqual(only?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.match(only?.message ?? '', why);
}

describe('limits', () => {
  let session: Session;
  const small = fileUri(path.join(DIR, 'limits-small.md'));
  const timings: string[] = [];

  /** Hovers the small draft and returns how long the answer took. */
  async function hoverSmall(label: string): Promise<void> {
    const started = Date.now();
    const hover = await session.hover(small, { line: 0, character: WRONG.indexOf('$31') + 1 });
    const ms = Date.now() - started;
    timings.push(`${label} ${ms} ms`);
    assert.ok(hover, 'the small draft still has its hover');
    assert.ok(ms < PROMPT_MS, `hover took ${ms} ms ${label}`);
  }

  before(async () => {
    // Checking the two half-megabyte lines takes seconds on a busy machine: the budget is not the subject here.
    session = await Session.start({ pull: false, settings: { timeBudgetMs: 120_000 } });
    await session.open(small, WRONG);
    await session.waitForDiagnostics(small);
  });
  after(async () => {
    await session.stop();
    console.log(`limits: hover on another draft ${timings.join(', ')}`);
  });

  test('a 10 MB draft: one information diagnostic, no check; typing into it stays cheap', async () => {
    const uri = fileUri(path.join(DIR, 'limits-10mb.md'));
    const paragraph = `${WRONG.trim()} `.repeat(30) + '\n\n';
    const text = paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
    await session.open(uri, text);
    await hoverSmall('after opening the 10 MB draft');
    assertNotChecked(await session.waitForDiagnostics(uri), /is 10\.0 MB, and documents over 5 MB are skipped/);
    const lines = text.split('\n').length - 1;
    for (let version = 2; version <= 20; version++) {
      await session.change(uri, version, [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: 'x' }]);
    }
    await hoverSmall('after 19 edits of the 10 MB draft');
    assertNotChecked(await session.waitForDiagnostics(uri, (p) => p.version === 20), /over 5 MB/);
    await session.close(uri);
  });

  test('a 1 MB line: one information diagnostic; splitting the line brings checking back', async () => {
    const uri = fileUri(path.join(DIR, 'limits-long-line.md'));
    const long = `${WRONG.trim()} `.repeat(Math.ceil((1024 * 1024 + 10) / WRONG.length));
    await session.open(uri, `# Title\n\n${long}\n`);
    await hoverSmall('after opening the 1 MB line');
    assertNotChecked(await session.waitForDiagnostics(uri), /line 3 is longer than 1 MB/);
    // A line break in the middle: two lines of half a megabyte each, checked again.
    const middle = WRONG.length * Math.floor(long.length / 2 / WRONG.length);
    await session.change(uri, 2, [{ range: { start: { line: 2, character: middle }, end: { line: 2, character: middle } }, text: '\n\n' }]);
    // Checking two half-megabyte lines of figures takes seconds, and many more on a loaded machine: wait as long as the budget.
    const checked = await session.waitForDiagnostics(uri, (p) => p.version === 2, 0, 120_000);
    assert.ok(checked.diagnostics.length > 1 && checked.diagnostics.every((d) => d.code === 'mismatch'), `${checked.diagnostics.length} diagnostics`);
    await session.close(uri);
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});
