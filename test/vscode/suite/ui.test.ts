// Drives the workbench UI once: the draft with its squiggles, the hover with the source quote, the
// Problems panel. With `run-code-server.mjs --screenshots <dir>` each step is saved as a PNG (the
// README's pictures); elsewhere screenshot() does nothing and the commands still have to succeed.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { openDraft, waitForFindings, workspaceFile } from './sourcecheck';
import { screenshot } from './util';

suite('UI', () => {
  test('squiggles, the hover with the source quote, the Problems panel', async () => {
    // A tidy window: every earlier test saved what it edited, so closing asks nothing.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');

    const uri = workspaceFile('drafts', 'p1-figures.md');
    const editor = await openDraft(uri);
    const diagnostics = await waitForFindings(uri, (d) => d.length === 5);
    await screenshot('squiggles', { selector: '.squiggly-error', clip: '.part.editor' });

    const target = diagnostics.find((d) => d.range.start.line === 5)!;
    const at = target.range.start.translate(0, 3);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover', { selector: '.monaco-hover', text: 'the total value is approximately', clip: '.part.editor' });

    await vscode.commands.executeCommand('editor.action.hideHover');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems', { selector: '.markers-panel', text: 'draft says $31 billion', clip: '.part.panel' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });
});
