// The shared example drafts, checked inside VS Code: the diagnostics match the CLI's findings exactly
// (codes, ranges, severities, messages) and the examples' expect.json files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { driverOptions } from './util';
import {
  cliFindings,
  codeOf,
  comparable,
  comparableCli,
  extension,
  openDraft,
  openScratchCopy,
  repoRoot,
  waitForFindings,
  workspaceFile,
} from './sourcecheck';

interface Expectation {
  /** 1-based line. */
  line: number;
  code: string;
  expected: string;
}

const EXAMPLES = ['p1-figures', 'p2-citations', 'p3-formats', 'p4-unrelated'];

/** A sentence the seed facts contradict, planted in a paragraph of its own. */
const PLANTED = '\nCoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';

function expectations(name: string): Expectation[] {
  return JSON.parse(fs.readFileSync(workspaceFile('drafts', `${name}.expect.json`).fsPath, 'utf8')) as Expectation[];
}

suite('Diagnostics on the example drafts', () => {
  test('the extension under test is active, and is the installed .vsix when the driver installed one', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
    const { vsix } = driverOptions();
    if (vsix) {
      // An installed copy: outside the repository, and only what the .vsix ships.
      assert.ok(!path.resolve(ext.extensionPath).startsWith(`${repoRoot()}${path.sep}`) && path.resolve(ext.extensionPath) !== repoRoot(), `installed at ${ext.extensionPath}`);
      for (const absent of ['node_modules', 'client', 'server', 'test', path.join('dist', 'server.js.map')]) {
        assert.equal(fs.existsSync(path.join(ext.extensionPath, absent)), false, `${absent} is not shipped`);
      }
    }
  });

  test('the workspace copies of the examples are the shared ones', () => {
    const shared = path.join(repoRoot(), 'test', 'fixtures', 'examples');
    for (const name of EXAMPLES) {
      for (const file of [`${name}.md`, `${name}.expect.json`]) {
        assert.equal(
          fs.readFileSync(workspaceFile('drafts', file).fsPath, 'utf8'),
          fs.readFileSync(path.join(shared, file), 'utf8'),
          `test/vscode/workspace/drafts/${file} differs from test/fixtures/examples/${file}: copy it again`,
        );
      }
    }
  });

  for (const name of ['p1-figures', 'p2-citations']) {
    test(`${name}: the same findings as the CLI and expect.json`, async () => {
      const uri = workspaceFile('drafts', `${name}.md`);
      const cli = cliFindings(uri);
      const expected = expectations(name);
      assert.equal(cli.length, expected.length, 'the CLI agrees with expect.json');
      await openDraft(uri);
      const diagnostics = await waitForFindings(uri, (d) => d.length === cli.length);
      assert.deepEqual(diagnostics.map(comparable), cli.map(comparableCli));
      assert.deepEqual(
        diagnostics.map((d) => ({ line: d.range.start.line + 1, code: codeOf(d) })),
        expected.map((e) => ({ line: e.line, code: e.code })),
      );
      diagnostics.forEach((d, i) => assert.ok(d.message.includes(expected[i]!.expected), `"${d.message}" names ${expected[i]!.expected}`));
      // Each finding links to its section of the docs.
      for (const d of diagnostics) {
        const code = d.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.fragment, code.value);
      }
    });
  }

  for (const name of ['p3-formats', 'p4-unrelated']) {
    test(`${name}: no findings (only a planted mismatch is flagged)`, async () => {
      assert.deepEqual(expectations(name), []);
      assert.deepEqual(cliFindings(workspaceFile('drafts', `${name}.md`)), []);
      // "No diagnostics" is also what a server that never checked would show. So check a copy with one
      // contradicted sentence added: once it is flagged, the draft was checked, and nothing else was.
      const editor = await openScratchCopy(`${name}.md`, PLANTED);
      const uri = editor.document.uri;
      const diagnostics = await waitForFindings(uri, (d) => d.length > 0);
      const plantedLine = editor.document.lineCount - 2;
      assert.deepEqual(diagnostics.map((d) => [d.range.start.line, codeOf(d)]), [[plantedLine, 'mismatch']]);
      assert.deepEqual(diagnostics.map(comparable), cliFindings(uri).map(comparableCli));
    });
  }

  test('a draft is checked as you type (unsaved text)', async () => {
    const editor = await openScratchCopy('p1-figures.md');
    const uri = editor.document.uri;
    await waitForFindings(uri, (d) => d.length === 5);
    const line = editor.document.lineAt(5);
    const at = line.text.indexOf('$31 billion');
    assert.ok(at >= 0);
    const edited = await editor.edit((edit) => edit.replace(new vscode.Range(5, at, 5, at + '$31 billion'.length), '$21 billion'));
    assert.ok(edited);
    const after = await waitForFindings(uri, (d) => d.length === 4);
    assert.ok(!after.some((d) => d.range.start.line === 5), 'line 6 is no longer flagged');
    assert.equal(editor.document.isDirty, true, 'checked before saving');
    await editor.document.save();
  });
});
