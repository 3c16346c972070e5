// A workspace fact file (named by .sourcecheck.yaml) changes on disk: broken, its YAML error appears
// in it and the last good facts stay in use; fixed, the open drafts are re-checked against the new facts.
import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openDraft, waitForFindings, workspaceFile } from './sourcecheck';
import { waitForDiagnostics } from './util';

const FACTS = ['facts', 'acme.yaml'];
const MISMATCH = 'Source says $5 million (acme.example); draft says $7 million.';

async function read(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

suite('Fact files', () => {
  let original: string | undefined;
  suiteTeardown(async () => {
    if (original !== undefined) await write(workspaceFile(...FACTS), original);
  });

  test('a broken fact file gets its YAML error; fixing it re-checks the drafts', async () => {
    const facts = workspaceFile(...FACTS);
    const draft = workspaceFile('drafts', 'acme.md');
    original = await read(facts);
    await openDraft(draft);
    const first = await waitForFindings(draft, (d) => d.length > 0);
    assert.deepEqual(first.map((d) => [codeOf(d), d.message]), [['mismatch', MISMATCH]]);

    // A YAML syntax error: an unclosed flow sequence.
    const broken = original.replace('parties: [acme]', 'parties: [acme');
    assert.notEqual(broken, original);
    await write(facts, broken);
    const problems = await waitForDiagnostics(facts, (d) => d.some((x) => x.source === 'sourcecheck'));
    assert.ok(problems.length > 0);
    for (const problem of problems) {
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error, problem.message);
      assert.ok(problem.range.start.line >= broken.split('\n').findIndex((l) => l.includes('parties: [acme')), `at ${problem.range.start.line + 1}: ${problem.message}`);
    }
    // The last good facts stay in use.
    assert.deepEqual(vscode.languages.getDiagnostics(draft).map((d) => d.message), [MISMATCH]);

    // Fixed, with the draft's figure: the error clears and the draft agrees with the new facts.
    const fixed = original.replace('value: $5 million', 'value: $7 million').replace('quote: it raised $5 million in a seed round', 'quote: Acme Robotics said on Tuesday');
    await write(facts, fixed);
    await waitForDiagnostics(facts, (d) => d.length === 0);
    await waitForFindings(draft, (d) => d.length === 0);

    // Back to the original facts: the mismatch returns.
    await write(facts, original);
    const again = await waitForFindings(draft, (d) => d.length > 0);
    assert.deepEqual(again.map((d) => d.message), [MISMATCH]);
  });
});
