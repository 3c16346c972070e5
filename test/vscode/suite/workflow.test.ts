// The writer's workflow in VS Code: F12 from a wrong figure to the quote in the seed article, the
// citation completion after "(", the Sources view with each fact's status, and "Add fact from
// selection" writing a fact that then flags a wrong figure.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { SourceCheckApi } from '../../../client/src/extension';
import type { SourcesNode } from '../../../client/src/sourcesTree';
import { codeOf, extension, openDraft, waitForFindings, workspaceFile } from './sourcecheck';
import { driverOptions, screenshot, waitFor } from './util';

const SEED_QUOTE = 'the total value is approximately $21 billion';

function api(): SourceCheckApi {
  return extension().exports as SourceCheckApi;
}

suite('Workflow', () => {
  test('F12 on a wrong figure opens the seed article at the quote', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    const editor = await openDraft(uri);
    const diagnostics = await waitForFindings(uri, (d) => d.length === 5);
    const wrong = diagnostics.find((d) => codeOf(d) === 'mismatch' && editor.document.getText(d.range) === '$31 billion');
    assert.ok(wrong, 'the $31 billion mismatch');
    editor.selection = new vscode.Selection(wrong.range.start.translate(0, 2), wrong.range.start.translate(0, 2));
    // VS Code puts the cursor at the start of the definition's range once the editor is open.
    const isSeed = (e: vscode.TextEditor) => e.document.uri.path.endsWith('/meta-muse-spark-coreweave.txt');
    const placed = waitFor(vscode.window.onDidChangeTextEditorSelection, (e) => isSeed(e.textEditor) && !e.selections[0]!.start.isEqual(new vscode.Position(0, 0)), 30_000, 'the seed article to open at the quote');
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const seed = (await placed).textEditor;
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), seed.document.uri.toString());
    const at = seed.selection.start;
    assert.equal(seed.document.getText(new vscode.Range(at, at.translate(0, SEED_QUOTE.length))), SEED_QUOTE);
  });

  test('the completion list after "(" offers the sentence\'s sources first, and inserts the citation', async () => {
    const sentence = 'CoreWeave valued the expanded Meta agreement at about $21 billion. ';
    const uri = workspaceFile('scratch', 'completion.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`# Meta and CoreWeave\n\nMeta expanded its long-term capacity deal with CoreWeave. (investors.coreweave.com)\n${sentence}`));
    const editor = await openDraft(uri);
    const { document } = editor;
    const line = document.lineCount - 1;
    const end = new vscode.Position(line, document.lineAt(line).text.length);
    editor.selection = new vscode.Selection(end, end);
    await editor.edit((b) => b.insert(end, '('));
    const at = new vscode.Position(line, document.lineAt(line).text.indexOf('(') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at, '(');
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    const labels = ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    // The sources of the sentence's facts first, then the others the workspace knows, by name.
    assert.deepEqual(labels, ['investors.coreweave.com', 'about.fb.com', 'acme.example', 'openthemagazine.com']);
    assert.match(String(ours[0]!.detail), new RegExp(SEED_QUOTE.replace('$', '\\$')));

    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    if (driverOptions().screenshots) {
      await screenshot('completion', { selector: '.suggest-widget.visible', text: 'approximately', clip: '.part.editor' });
    }
    await vscode.commands.executeCommand('hideSuggestWidget');

    // What accepting the item does: its insert text over its (replace) range.
    const first = ours[0]!;
    const range = first.range instanceof vscode.Range ? first.range : first.range?.replacing;
    assert.ok(range, 'the item says what it replaces');
    const insert = typeof first.insertText === 'string' ? first.insertText : first.insertText?.value;
    await editor.edit((b) => b.replace(range, String(insert)));
    assert.equal(document.lineAt(line).text, `${sentence}(investors.coreweave.com)`);
    await document.save();
  });

  test('the Sources view lists each fact with its status in the active draft', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    await openDraft(uri);
    await waitForFindings(uri, (d) => d.length === 5);
    await vscode.commands.executeCommand('sourcecheck.showSources');
    const view = api().sourcesView;
    await view.refresh();
    assert.equal(view.current?.uri, uri.toString());
    const roots = view.getChildren();
    const names = roots.map((n) => String(view.getTreeItem(n).label));
    assert.ok(names.includes('CoreWeave investor relations') && names.includes('Meta Newsroom'), names.join(', '));
    const statuses = new Map<string, string>();
    for (const root of roots) {
      for (const node of view.getChildren(root) as Array<Extract<SourcesNode, { kind: 'fact' }>>) statuses.set(node.fact.id, String(view.getTreeItem(node).description).split(' — ')[0]!);
    }
    assert.equal(statuses.get('coreweave-deal-value'), 'disagrees');
    assert.equal(statuses.get('muse-spark-first-in-series'), 'agrees');
    assert.equal(statuses.get('meta-nvidia-partnership-date'), 'agrees');
    assert.equal(statuses.get('muse-spark-avocado-family'), 'not used');
    if (driverOptions().screenshots) {
      // Room for the view in the picture: the folder tree collapsed, a wider side bar, the draft beside it.
      await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('sourcecheck.sources.focus');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize');
      await screenshot('sources-view', { selector: '.part.sidebar .monaco-list-row', text: 'disagrees' });
    }

    // Clicking a fact the draft uses reveals its statement.
    const deal = roots.flatMap((r) => view.getChildren(r)).find((n) => n.kind === 'fact' && n.fact.id === 'coreweave-deal-value')!;
    const command = view.getTreeItem(deal).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), uri.toString());
    assert.equal(active.document.getText(active.selection), '$31 billion');
  });

  test('"Add fact from selection" writes a valid fact that then flags a wrong figure', async () => {
    const factsFile = workspaceFile('facts', 'acme.yaml');
    const original = fs.readFileSync(factsFile.fsPath, 'utf8');
    const note = workspaceFile('scratch', 'acme-factory.txt');
    const sentence = 'Acme Robotics will open a factory in Ohio at a cost of $40 million.';
    fs.mkdirSync(workspaceFile('scratch').fsPath, { recursive: true });
    fs.writeFileSync(note.fsPath, `Acme Robotics news.\n\n${sentence} (acme.example)\n`);
    const draft = workspaceFile('scratch', 'acme-factory.md');
    fs.writeFileSync(draft.fsPath, 'Acme Robotics will spend $45 million on its Ohio factory. (acme.example)\n');
    try {
      await openDraft(draft);
      const before = await waitForFindings(draft, () => true);
      assert.ok(!before.some((d) => codeOf(d) === 'mismatch'), 'no fact speaks to the factory yet');

      const document = await vscode.workspace.openTextDocument(note);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const start = document.positionAt(document.getText().indexOf(sentence));
      editor.selection = new vscode.Selection(start, start.translate(0, sentence.length));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', note, editor.selection);
      assert.ok(actions.some((a) => a.title === 'Add fact from selection'), actions.map((a) => a.title).join(' | '));

      const shown = waitFor(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.uri.toString() === factsFile.toString(), 30_000, 'the fact file to open');
      await vscode.commands.executeCommand('sourcecheck.addFactFromSelection');
      const factEditor = (await shown)!;
      const written = parse(fs.readFileSync(factsFile.fsPath, 'utf8')) as { facts: Array<Record<string, unknown>> };
      const fact = written.facts.find((f) => f.quote === sentence);
      assert.ok(fact, fs.readFileSync(factsFile.fsPath, 'utf8'));
      assert.equal(fact.value, '$40 million');
      assert.deepEqual(fact.parties, ['acme']);
      assert.match(factEditor.document.lineAt(factEditor.selection.start.line).text, new RegExp(`id: "${String(fact.id)}"`));

      const after = await waitForFindings(draft, (d) => d.some((x) => codeOf(x) === 'mismatch'));
      assert.match(after.find((d) => codeOf(d) === 'mismatch')!.message, /\$40 million/);
    } finally {
      fs.writeFileSync(factsFile.fsPath, original);
    }
  });
});
