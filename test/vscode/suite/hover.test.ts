// Hovers and the diagnostics' related information: the source quote, the source's link, the fact id.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { extension, hoverText, openDraft, waitForFindings, workspaceFile } from './sourcecheck';

interface SeedFacts {
  sources: Array<{ id: string; name: string; url: string }>;
  facts: Array<{ id: string; quote: string; sources: string[] }>;
}

/** The bundled seed facts, read from the extension under test (so the .vsix must ship them). */
function seedFacts(): SeedFacts {
  return parse(fs.readFileSync(path.join(extension().extensionPath, 'seeds', 'facts.yaml'), 'utf8')) as SeedFacts;
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hoverText(hovers);
}

suite('Hover', () => {
  test('on a mismatch: verdict, source quote, source link and fact id', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    const editor = await openDraft(uri);
    const diagnostics = await waitForFindings(uri, (d) => d.length === 5);
    const value = diagnostics.find((d) => d.range.start.line === 5);
    assert.ok(value, 'the $31 billion mismatch on line 6');
    assert.equal(editor.document.getText(value.range), '$31 billion');

    const fact = seedFacts().facts.find((f) => f.id === 'coreweave-deal-value');
    assert.ok(fact);
    const text = await hoverAt(uri, value.range.start.translate(0, 2));
    assert.match(text, /✗ Mismatch/);
    assert.ok(text.includes('Source says about $21 billion; draft says $31 billion.'), text);
    assert.ok(text.includes(`“${fact.quote}”`), `the quote "${fact.quote}" in:\n${text}`);
    for (const id of fact.sources) {
      const source = seedFacts().sources.find((s) => s.id === id);
      assert.ok(source);
      assert.ok(text.includes(`](${source.url})`), `a link to ${source.url} in:\n${text}`);
    }
    assert.ok(text.includes(`Fact: ${fact.id}`), text);
  });

  test('on a statement that agrees with its source', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    const editor = await openDraft(uri);
    await waitForFindings(uri, (d) => d.length === 5);
    // Line 4: "Meta says that group rebuilt its AI stack over the last nine months. (about.fb.com)"
    const line = editor.document.lineAt(3).text;
    const text = await hoverAt(uri, new vscode.Position(3, line.indexOf('nine months') + 2));
    assert.match(text, /✓ Agrees with source/);
    assert.match(text, /Fact: [a-z0-9-]+/);
  });

  test('nowhere near a checked statement: no hover from Source Check', async () => {
    const uri = workspaceFile('drafts', 'p4-unrelated.md');
    await openDraft(uri);
    const text = await hoverAt(uri, new vscode.Position(0, 3));
    assert.ok(!/Agrees with source|Mismatch|Fact:/.test(text), text);
  });

  test('related information jumps to the quote in the bundled source document', async () => {
    const uri = workspaceFile('drafts', 'p1-figures.md');
    await openDraft(uri);
    const diagnostics = await waitForFindings(uri, (d) => d.length === 5);
    const fact = seedFacts().facts.find((f) => f.id === 'coreweave-deal-value')!;
    const related = diagnostics.find((d) => d.range.start.line === 5)?.relatedInformation?.[0];
    assert.ok(related, 'related information');
    assert.equal(path.basename(related.location.uri.fsPath), 'meta-muse-spark-coreweave.txt');
    const source = await vscode.workspace.openTextDocument(related.location.uri);
    assert.equal(source.getText(related.location.range), fact.quote);
  });
});
