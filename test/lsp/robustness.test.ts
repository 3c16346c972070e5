/** Bad input and bursts of edits through the real server: it keeps answering and never loses text. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { factFilesRequest } from '../../server/src/lspExt';
import { applyFixes } from '../../server/src/engine/fixes/applyFixes';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';
const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');

describe('robustness', () => {
  let session: Session;
  before(async () => {
    session = await Session.start({ pull: false, settings: { debounceMs: 1000 } });
  });
  after(() => session.stop());

  test('a burst of edits is checked once, for the last version', async () => {
    const uri = fileUri(path.join(DIR, 'burst.md'));
    await session.open(uri, WRONG);
    await session.waitForDiagnostics(uri, (p) => p.version === 1);
    const count = session.publishedCount(uri);
    const at = WRONG.indexOf('$31') + 1;
    // Type "2", "5", "9", then back to "2": each replaces the first digit.
    const digits = ['2', '5', '9', '2'];
    for (const [i, digit] of digits.entries()) {
      await session.change(uri, i + 2, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } }, text: digit }]);
      // A round trip that does not touch checks: the change has been handled when it returns.
      await session.request(factFilesRequest.method, {});
    }
    const last = await session.waitForDiagnostics(uri, (p) => p.version === 5, count);
    assert.deepEqual(last.diagnostics, [], '$21 billion agrees');
    await session.hover(uri, { line: 0, character: 0 });
    assert.deepEqual((session.diagnostics.get(uri) ?? []).slice(count).map((p) => p.version), [5]);
  });

  test('requests about unknown documents and garbage parameters get empty answers, not a crash', async () => {
    const unknown = fileUri(path.join(DIR, 'never-opened.md'));
    assert.equal(await session.hover(unknown, { line: 0, character: 0 }), null);
    assert.deepEqual(await session.links(unknown), []);
    assert.deepEqual(await session.codeActions(unknown, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] }), []);
    await session.change(unknown, 3, [{ text: 'x' }]);

    const uri = fileUri(path.join(DIR, 'garbage.md'));
    await session.open(uri, WRONG);
    await session.waitForDiagnostics(uri);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    const hostile = { range, message: 'x', source: 'sourcecheck', code: 'mismatch', data: { fixes: 'not a list' } };
    const actions = await session.codeActions(uri, range, { diagnostics: [hostile] });
    assert.ok(actions.every((a: CodeAction) => a.title.length > 0));
    // Positions far outside the document are clamped, never fatal.
    assert.equal(await session.hover(uri, { line: 9999, character: 9999 }), null);
    await session.change(uri, 2, [{ range: { start: { line: 50, character: 0 }, end: { line: 60, character: 0 } }, text: '\nMore text.' }]);
    const after = await session.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['mismatch']);
  });

  test('a code action applied to the text it was computed for changes only the finding', async () => {
    const uri = fileUri(path.join(DIR, 'only-the-finding.md'));
    const text = `# Title with *emphasis* and \`code\`\n\n${WRONG}\n<!-- a comment -->\n`;
    await session.open(uri, text);
    const published = await session.waitForDiagnostics(uri);
    const mismatch = published.diagnostics.find((d) => d.code === 'mismatch')!;
    const actions = await session.codeActions(uri, mismatch.range, { diagnostics: [mismatch] });
    const fix = actions.find((a) => a.isPreferred)!;
    const fixed = applyFixes(text, fix.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, text.replace('$31 billion', '$21 billion'));
  });

  test('the server is alive and logged no errors', async () => {
    const uri = fileUri(path.join(DIR, 'alive.md'));
    await session.open(uri, WRONG);
    assert.equal((await session.waitForDiagnostics(uri)).diagnostics.length, 1);
    assert.deepEqual(session.errorLogs(), []);
  });
});
