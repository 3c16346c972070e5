/**
 * The editor never waits on a check (issue 11), through the real server: a 20,000-line draft of
 * lists nested 40 deep (1.9 MB) is opened, then a small draft. The small draft's diagnostics and a
 * hover on it must come at once; the hostile draft gets its findings or its one "not checked" notice
 * within its time budget plus 2 s. The deadlines are the waits' timeouts: no test sleeps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';
const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');
/** The default time budget (`timeBudgetMs`). */
const BUDGET_MS = 5000;

/** `- - - … [x]((((…`: every line opens up to 40 nested lists, then an unclosed link. */
export function nestedDraft(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`${'- '.repeat((i % 40) + 1)}[x]${'('.repeat(54)}`);
  return `${out.join('\n')}\n`;
}

function isNotChecked(p: PublishDiagnosticsParams): boolean {
  return p.diagnostics.length === 1 && p.diagnostics[0]?.code === 'not-checked';
}

describe('a hostile draft does not hold up the others', () => {
  let session: Session;
  const hostile = fileUri(path.join(DIR, 'never-hang-nested.md'));
  const small = fileUri(path.join(DIR, 'never-hang-small.md'));
  const timings: string[] = [];

  before(async () => {
    session = await Session.start({ pull: false });
  });
  after(async () => {
    await session.stop();
    console.log(`never-hang: ${timings.join(', ')}`);
  });

  test('the small draft is checked and hovered at once; the nested one within its budget', async () => {
    const text = nestedDraft(20_000);
    assert.ok(text.length > 1.9e6, `${text.length} characters`);
    const opened = Date.now();
    await session.open(hostile, text);
    await session.open(small, WRONG);

    // Deadline: 2 s from opening.
    const published = await session.waitForDiagnostics(small, () => true, 0, 2000);
    timings.push(`small draft diagnostics after ${Date.now() - opened} ms`);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['mismatch']);

    const hovered = Date.now();
    const hover = await Promise.race([
      session.hover(small, { line: 0, character: WRONG.indexOf('$31') + 1 }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no hover within 500 ms')), 500).unref()),
    ]);
    timings.push(`hover ${Date.now() - hovered} ms`);
    assert.ok(hover, 'the small draft has its hover');

    const left = BUDGET_MS + 2000 - (Date.now() - opened);
    const hostileDiagnostics = await session.waitForDiagnostics(hostile, () => true, 0, Math.max(0, left));
    timings.push(`nested draft answered after ${Date.now() - opened} ms (${isNotChecked(hostileDiagnostics) ? 'not checked' : `${hostileDiagnostics.diagnostics.length} findings`})`);
    if (isNotChecked(hostileDiagnostics)) {
      const [only] = hostileDiagnostics.diagnostics;
      assert.equal(only?.severity, DiagnosticSeverity.Information);
      assert.deepEqual(only?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(only?.message ?? '', /did not check this draft: checking it took longer than the time budget of 5 s/);
    }
  });

  test('the budget is a setting; the other drafts carry on while a check is stopped', async () => {
    const before = session.publishedCount(hostile);
    await session.setSettings({ timeBudgetMs: 300 });
    const stopped = await session.waitForDiagnostics(hostile, isNotChecked, before);
    assert.match(stopped.diagnostics[0]?.message ?? '', /time budget of 0\.3 s \(sourcecheck\.timeBudgetMs/);
    // An edit of the small draft is checked by the worker that took the stopped one's place.
    const count = session.publishedCount(small);
    await session.change(small, 2, [{ text: `${WRONG}\nMeta agreed.\n` }]);
    const edited = await session.waitForDiagnostics(small, (p) => p.version === 2, count);
    assert.deepEqual(edited.diagnostics.map((d) => d.code), ['mismatch']);
    await session.setSettings({});
  });

  test('the nested draft is checked again once it changes into something ordinary', async () => {
    const count = session.publishedCount(hostile);
    await session.change(hostile, 2, [{ text: WRONG }]);
    const checked = await session.waitForDiagnostics(hostile, (p) => p.version === 2, count);
    assert.deepEqual(checked.diagnostics.map((d) => d.code), ['mismatch']);
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});
