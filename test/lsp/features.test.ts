/** Hover, code actions and document links through the real server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MarkupKind, type CodeAction, type Diagnostic, type FullDocumentDiagnosticReport, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyFixes } from '../../server/src/engine/fixes/applyFixes';
import { REPO_ROOT, Session, fileUri } from './helpers/client';
import { unescapeMarkdown } from './helpers/markdown';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');
const CORRECT = 'CoreWeave valued the expanded Meta agreement at about $21 billion. (investors.coreweave.com)';
const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)';
const FIXABLE = new Set(['mismatch', 'missing-citation', 'wrong-citation']);

function edits(action: CodeAction, uri: string): TextEdit[] {
  const list = action.edit?.changes?.[uri];
  assert.ok(list, `"${action.title}" edits ${uri}`);
  return list;
}

describe('hover, code actions and links', () => {
  let session: Session;
  before(async () => {
    session = await Session.start({ pull: true });
  });
  after(() => session.stop());

  test('hover on a correct statement: verdict, quote, source link, fact id', async () => {
    const uri = fileUri(path.join(DIR, 'hover-correct.md'));
    await session.open(uri, `${CORRECT}\n`);
    const hover = await session.hover(uri, { line: 0, character: CORRECT.indexOf('$21') + 2 });
    assert.ok(hover, 'a hover');
    const content = hover.contents as MarkupContent;
    assert.equal(content.kind, MarkupKind.Markdown);
    assert.match(content.value, /✓ Agrees with source/);
    const plain = unescapeMarkdown(content.value);
    assert.match(plain, /the total value is approximately \$21 billion/);
    assert.match(content.value, /\]\(https:\/\/investors\.coreweave\.com\/\)/, 'a link to the source');
    assert.match(plain, /CoreWeave investor relations/);
    assert.match(plain, /Fact: coreweave-deal-value/);
    assert.ok(hover.range && hover.range.start.character <= CORRECT.indexOf('$21') && hover.range.end.character >= CORRECT.indexOf('$21') + 3);
  });

  test('hover on a wrong statement: mismatch, what the source says and the quote', async () => {
    const uri = fileUri(path.join(DIR, 'hover-wrong.md'));
    await session.open(uri, `${WRONG}\n`);
    const hover = await session.hover(uri, { line: 0, character: WRONG.indexOf('$31') + 1 });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /✗ Mismatch/);
    const plain = unescapeMarkdown(value);
    assert.match(plain, /Source says .*21 billion; draft says \$31 billion/);
    assert.match(plain, /the total value is approximately \$21 billion/);
    assert.match(plain, /Fact: coreweave-deal-value/);
    assert.match(plain, /Read as: measures agreement \(deal\) · current instance \("expanded"\)/, 'the claim frame in short');
    // The sentence also speaks to other facts, which agree; the figure's own verdict comes first.
    assert.doesNotMatch(value.split('\n---\n')[0] ?? '', /Agrees/);
  });

  test('no hover away from checked statements', async () => {
    const uri = fileUri(path.join(DIR, 'hover-none.md'));
    await session.open(uri, `# Notes\n\nThe weather was fine.\n\n${CORRECT}\n`);
    assert.equal(await session.hover(uri, { line: 2, character: 5 }), null);
  });

  test('the mismatch quick fix replaces the figure, and is preferred', async () => {
    const uri = fileUri(path.join(DIR, 'actions-quickfix.md'));
    await session.open(uri, `${WRONG}\n`);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    const mismatch = report.items.find((d) => d.code === 'mismatch') as Diagnostic;
    assert.ok(mismatch);
    const actions = await session.codeActions(uri, mismatch.range, { diagnostics: [mismatch], only: ['quickfix'] });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [mismatch]);
    const fixed = applyFixes(`${WRONG}\n`, edits(fix, uri));
    assert.equal(fixed, `${WRONG.replace('$31 billion', '$21 billion')}\n`);
  });

  test('source.fixAll.sourcecheck leaves a document without mismatch or citation problems', async () => {
    const source = path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md');
    const uri = fileUri(path.join(DIR, 'actions-fixall.md'));
    // A statement the draft has not made (and cited) before: it needs its own citation.
    const text = `${readFileSync(source, 'utf8')}\nCoreWeave said the added capacity is for inference workloads.\n`;
    await session.open(uri, text);
    const before = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.ok(before.items.filter((d) => d.code === 'mismatch').length >= 3);
    assert.ok(before.items.some((d) => d.code === 'missing-citation'));

    const onSave = await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
    assert.equal(onSave.length, 1, 'exactly the fix-all action for codeActionsOnSave');
    const fixAll = onSave[0] as CodeAction;
    assert.equal(fixAll.kind, 'source.fixAll.sourcecheck');
    assert.equal(fixAll.title, 'Fix all Source Check problems in this file');

    const fixed = applyFixes(text, edits(fixAll, uri));
    await session.change(uri, 2, [{ text: fixed }]);
    const after = (await session.pull(uri, before.resultId)) as FullDocumentDiagnosticReport;
    assert.deepEqual(after.items.filter((d) => FIXABLE.has(String(d.code))).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`), []);

    // With more than one fixable finding the light bulb offers fix-all as a quick fix too.
    const bulb = await session.codeActions(uri, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, { diagnostics: [] });
    assert.equal(bulb.some((a) => a.title === 'Fix all Source Check problems in this file'), false, 'nothing left to fix');
  });

  test('fix-all is also a quick fix when several findings are fixable', async () => {
    const uri = fileUri(path.join(DIR, 'actions-bulb.md'));
    await session.open(uri, `${WRONG}\n\n${WRONG.replace('roughly', 'about')}\n`);
    const actions = await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] });
    const kinds = actions.filter((a) => a.title === 'Fix all Source Check problems in this file').map((a) => a.kind).sort();
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll.sourcecheck']);
  });

  test('disable for this line inserts a suppression comment that silences the finding', async () => {
    const uri = fileUri(path.join(DIR, 'actions-disable.md'));
    const text = `# Deal\n\n  ${WRONG}\n`;
    await session.open(uri, text);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    const mismatch = report.items.find((d) => d.code === 'mismatch') as Diagnostic;
    const actions = await session.codeActions(uri, mismatch.range, { diagnostics: [mismatch] });
    const disable = actions.find((a) => a.title === 'Disable Source Check (mismatch) for this line');
    assert.ok(disable, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    const disabled = applyFixes(text, edits(disable, uri));
    assert.equal(disabled, `# Deal\n\n  <!-- sourcecheck-disable-next-line mismatch -->\n  ${WRONG}\n`);
    await session.change(uri, 2, [{ text: disabled }]);
    const after = (await session.pull(uri, report.resultId)) as FullDocumentDiagnosticReport;
    assert.deepEqual(after.items.map((d) => d.code), []);
  });

  test('disable inside a list item goes at the end of the line', async () => {
    const uri = fileUri(path.join(DIR, 'actions-disable-list.md'));
    const text = `- First point.\n- ${WRONG}\n`;
    await session.open(uri, text);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    const mismatch = report.items.find((d) => d.code === 'mismatch') as Diagnostic;
    assert.ok(mismatch, 'the list item is checked');
    const actions = await session.codeActions(uri, mismatch.range, { diagnostics: [mismatch] });
    const disable = actions.find((a) => a.title.startsWith('Disable Source Check (mismatch)')) as CodeAction;
    const disabled = applyFixes(text, edits(disable, uri));
    assert.equal(disabled, `- First point.\n- ${WRONG} <!-- sourcecheck-disable-line mismatch -->\n`);
    await session.change(uri, 2, [{ text: disabled }]);
    const after = (await session.pull(uri, report.resultId)) as FullDocumentDiagnosticReport;
    assert.deepEqual(after.items.map((d) => d.code), []);
  });

  test('citations are document links to the source', async () => {
    const uri = fileUri(path.join(DIR, 'links.md'));
    await session.open(uri, `${CORRECT}\n`);
    const links = await session.links(uri);
    assert.equal(links.length, 1);
    const link = links[0]!;
    assert.match(link.target ?? '', /^https:\/\/investors\.coreweave\.com\/?$/);
    const at = CORRECT.indexOf('investors.coreweave.com');
    assert.deepEqual(link.range, { start: { line: 0, character: at }, end: { line: 0, character: at + 'investors.coreweave.com'.length } });
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});
