/**
 * The server checks each open draft incrementally: after every one of a sequence of incremental
 * edits (typing, deleting, blank lines, fences, footnotes), the diagnostics published for that
 * version must be those of a full check of the same text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { checkDocument } from '../../server/src/engine/check';
import type { Finding } from '../../server/src/engine/types';
import { generateDraft, pick, prng, seedStatements } from '../bench/generate';
import { seedBase } from '../helpers/seed';
import { REPO_ROOT, Session, fileUri } from './helpers/client';

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

function comparable(items: Array<Diagnostic | Finding>): string[] {
  return items.map((d) => JSON.stringify([d.code, d.range, d.message, typeof d.severity === 'string' ? SEVERITY[d.severity] : d.severity]));
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

const INSERTS = ['x', ' ', '\n', '\n\n', '```\n', '$12 billion', ' (about.fb.com)', '[^n]', '\n[^n]: https://investors.coreweave.com/\n', '- ', '<!--\n', '-->'];

let session: Session;
before(async () => {
  session = await Session.start({ pull: false });
});
after(() => session.stop());

test('published diagnostics equal a full check after each incremental edit', async () => {
  const base = seedBase();
  const random = prng(42);
  let text = generateDraft({ size: 5_000, seed: 17, seeds: seedStatements(base) });
  const uri = fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'incremental.md'));
  await session.open(uri, text);
  await session.waitForDiagnostics(uri, (p) => p.version === 1);
  for (let version = 2; version <= 40; version++) {
    const offset = Math.floor(random() * (text.length + 1));
    const remove = random() < 0.3 ? Math.min(text.length - offset, 1 + Math.floor(random() * 10)) : 0;
    const insert = remove > 0 && random() < 0.5 ? '' : pick(random, INSERTS);
    const range = { start: positionAt(text, offset), end: positionAt(text, offset + remove) };
    text = text.slice(0, offset) + insert + text.slice(offset + remove);
    await session.change(uri, version, [{ range, text: insert }]);
    const published = await session.waitForDiagnostics(uri, (p) => p.version === version);
    assert.deepEqual(comparable(published.diagnostics), comparable(checkDocument(text, base).findings), `version ${version}`);
  }
});
