// Settings apply without a reload: the extension forwards configuration changes to the server.
import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openDraft, setSetting, waitForFindings, workspaceFile } from './sourcecheck';

suite('Settings', () => {
  suiteTeardown(async () => {
    await setSetting('severity', undefined);
    await setSetting('enable', undefined);
  });

  test('sourcecheck.severity: missing-citation off hides it, error raises it', async () => {
    const uri = workspaceFile('drafts', 'p2-citations.md');
    await openDraft(uri);
    const initial = await waitForFindings(uri, (d) => d.length === 3);
    assert.deepEqual(initial.map((d) => [codeOf(d), d.severity]), [
      ['missing-citation', vscode.DiagnosticSeverity.Warning],
      ['wrong-citation', vscode.DiagnosticSeverity.Warning],
      ['missing-citation', vscode.DiagnosticSeverity.Warning],
    ]);

    await setSetting('severity', { 'missing-citation': 'off' });
    const off = await waitForFindings(uri, (d) => d.length === 1);
    assert.deepEqual(off.map(codeOf), ['wrong-citation']);

    await setSetting('severity', { 'missing-citation': 'error' });
    const raised = await waitForFindings(uri, (d) => d.length === 3);
    assert.deepEqual(raised.map((d) => [codeOf(d), d.severity]), [
      ['missing-citation', vscode.DiagnosticSeverity.Error],
      ['wrong-citation', vscode.DiagnosticSeverity.Warning],
      ['missing-citation', vscode.DiagnosticSeverity.Error],
    ]);

    await setSetting('severity', undefined);
    await waitForFindings(uri, (d) => d.length === 3 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning));
  });

  test('a settings change never blanks the findings in between (no flicker)', async () => {
    const uri = workspaceFile('drafts', 'p2-citations.md');
    await openDraft(uri);
    await waitForFindings(uri, (d) => d.length === 3);
    // Every state the editor shows on the way: a cancelled diagnostics pull must not show as "no problems".
    const states: string[] = [];
    const recorder = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) states.push(vscode.languages.getDiagnostics(uri).map(codeOf).join(',') || '(none)');
    });
    try {
      for (let i = 0; i < 4; i++) {
        await setSetting('severity', { 'wrong-citation': 'error' });
        await waitForFindings(uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
        await setSetting('severity', undefined);
        await waitForFindings(uri, (d) => d.length === 3 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning));
      }
    } finally {
      recorder.dispose();
    }
    assert.ok(!states.includes('(none)'), `states shown: ${states.join(' | ')}`);
  });

  test('sourcecheck.enable: off clears the findings, on brings them back', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    await openDraft(uri);
    await waitForFindings(uri, (d) => d.length === 5);
    await setSetting('enable', false);
    await waitForFindings(uri, (d) => d.length === 0);
    await setSetting('enable', undefined);
    const back = await waitForFindings(uri, (d) => d.length === 5);
    assert.ok(back.every((d) => codeOf(d) === 'mismatch'));
  });
});
