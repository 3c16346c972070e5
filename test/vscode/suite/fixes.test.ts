// Quick fixes and fix-all through VS Code's code action API, applied with workspace.applyEdit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import {
  applyAction,
  cliFindings,
  codeActions,
  codeOf,
  openScratchCopy,
  runCli,
  waitForFindings,
  workspaceFile,
} from './sourcecheck';

const FIX_ALL_KIND = 'source.fixAll.sourcecheck';
const FIX_ALL_TITLE = 'Fix all Source Check problems in this file';

/** What `sourcecheck --fix` makes of `drafts/<name>`, on a copy outside the workspace's drafts. */
function cliFixed(name: string): string {
  const copy = workspaceFile('scratch', `cli-fix-${name}`).fsPath;
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(workspaceFile('drafts', name).fsPath, copy);
  const { status, stderr } = runCli(['--fix', copy]);
  assert.notEqual(status, 2, stderr);
  return fs.readFileSync(copy, 'utf8');
}

/** The whole document's range. */
function wholeDocument(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

suite('Quick fixes', () => {
  test('mismatch: "Replace with …" (preferred) writes the source\'s value', async () => {
    const editor = await openScratchCopy('p1-figures.md');
    const { document } = editor;
    const cli = cliFindings(document.uri);
    const diagnostics = await waitForFindings(document.uri, (d) => d.length === cli.length);
    const target = diagnostics.find((d) => d.range.start.line === 5)!;
    const expectedFix = cli.find((f) => f.range.start.line === 5)!.fixes[0]!;
    assert.equal(expectedFix.title, 'Replace with $21 billion');

    const actions = await codeActions(document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === expectedFix.title);
    assert.ok(fix, `"${expectedFix.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === 'Disable Source Check (mismatch) for this line'));

    const before = document.lineAt(5).text;
    await applyAction(fix);
    assert.equal(document.lineAt(5).text, before.replace('$31 billion', '$21 billion'));
    assert.equal(document.lineAt(5).text, 'CoreWeave valued the expanded Meta agreement at roughly $21 billion. (investors.coreweave.com)');
    const after = await waitForFindings(document.uri, (d) => d.length === cli.length - 1);
    assert.ok(!after.some((d) => d.range.start.line === 5));
    await document.save();
  });

  test('missing-citation: "Cite …" adds the citation in the document\'s style', async () => {
    const editor = await openScratchCopy('p2-citations.md');
    const { document } = editor;
    const diagnostics = await waitForFindings(document.uri, (d) => d.length === 3);
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-citation' && d.range.start.line === 2)!;
    assert.ok(missing);
    const actions = await codeActions(document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const cite = actions.find((a) => a.title === 'Cite investors.coreweave.com');
    assert.ok(cite, JSON.stringify(actions.map((a) => a.title)));
    await applyAction(cite);
    assert.equal(document.lineAt(2).text, "Meta's CoreWeave deal is worth about $21 billion. (investors.coreweave.com)");
    const after = await waitForFindings(document.uri, (d) => d.length === 2);
    assert.deepEqual(after.map(codeOf), ['wrong-citation', 'missing-citation']);
    await document.save();
  });

  test('"Disable Source Check (…) for this line" silences that line', async () => {
    const editor = await openScratchCopy('p2-citations.md');
    const { document } = editor;
    const diagnostics = await waitForFindings(document.uri, (d) => d.length === 3);
    const wrong = diagnostics.find((d) => codeOf(d) === 'wrong-citation')!;
    const actions = await codeActions(document.uri, wrong.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable Source Check (wrong-citation) for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    await applyAction(disable);
    assert.match(document.getText(), /<!-- sourcecheck-disable-next-line wrong-citation -->\nCoreWeave said the added capacity/);
    const after = await waitForFindings(document.uri, (d) => d.length === 2);
    assert.deepEqual(after.map(codeOf), ['missing-citation', 'missing-citation']);
    await document.save();
  });
});

suite('Fix all', () => {
  for (const name of ['p1-figures.md', 'p2-citations.md']) {
    test(`${name}: ${FIX_ALL_KIND} gives the CLI's --fix text and a clean draft`, async () => {
      const editor = await openScratchCopy(name);
      const { document } = editor;
      const count = cliFindings(document.uri).length;
      await waitForFindings(document.uri, (d) => d.length === count);

      const actions = await codeActions(document.uri, wholeDocument(document), FIX_ALL_KIND);
      assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [[FIX_ALL_TITLE, FIX_ALL_KIND]]);
      // The light bulb offers it too, as a quick fix, when there is more than one thing to fix.
      const quickFixes = await codeActions(document.uri, wholeDocument(document), vscode.CodeActionKind.QuickFix.value);
      assert.ok(quickFixes.some((a) => a.title === FIX_ALL_TITLE));

      await applyAction(actions[0]!);
      assert.equal(document.getText(), cliFixed(name));
      const after = await waitForFindings(document.uri, (d) => d.length === 0);
      assert.deepEqual(after, []);
      await document.save();
      assert.deepEqual(cliFindings(document.uri), [], 'the saved draft is clean for the CLI too');
    });
  }
});
