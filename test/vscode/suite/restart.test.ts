// The server process dies; the language client starts a new one and the drafts are checked again.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import {
  codeOf,
  isAlive,
  openScratchCopy,
  pollUntil,
  serverPids,
  waitForFindings,
} from './sourcecheck';

suite('Server restart', () => {
  test('after the server is killed, the client restarts it and diagnostics come back', async function () {
    const editor = await openScratchCopy('p1-figures.md');
    const { document } = editor;
    await waitForFindings(document.uri, (d) => d.length === 5);
    const pids = serverPids();
    if (pids === undefined) this.skip(); // no way to list processes here (Windows)
    assert.equal(pids.length, 1, `one server process, found ${JSON.stringify(pids)}`);
    const [old] = pids as [number];

    // The client clears the crashed server's diagnostics, then the new server checks the draft again.
    const cleared = waitForFindings(document.uri, (d) => d.length === 0);
    process.kill(old, 'SIGKILL');
    await pollUntil(() => (isAlive(old) ? undefined : true), 10_000, `server ${old} to exit`);
    await cleared;
    const back = await waitForFindings(document.uri, (d) => d.length === 5);
    assert.ok(back.every((d) => codeOf(d) === 'mismatch'));
    const next = serverPids() ?? [];
    assert.equal(next.length, 1, `one new server process, found ${JSON.stringify(next)}`);
    assert.notEqual(next[0], old);

    // The new server follows edits.
    const edited = await editor.edit((edit) => edit.insert(document.lineAt(document.lineCount - 1).range.end, '\nCoreWeave valued the expanded Meta agreement at roughly $41 billion. (investors.coreweave.com)'));
    assert.ok(edited);
    const after = await waitForFindings(document.uri, (d) => d.length === 6);
    assert.equal(after.at(-1)?.range.start.line, document.lineCount - 1);
    await document.save();
  });
});
