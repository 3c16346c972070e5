import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../server/src/engine/check';
import { seedBase } from '../helpers/seed';

const WRONG = 'Meta announced its NVIDIA partnership on February 24, 2026. (about.fb.com)';
const UNCITED = 'Meta announced its NVIDIA partnership on February 17, 2026.';

function codesByLine(markdown: string): string[] {
  return checkDocument(markdown, seedBase()).findings.filter((f) => f.code !== 'unsupported').map((f) => `${f.range.start.line + 1} ${f.code}`);
}

test('without comments both statements are flagged', () => {
  assert.deepEqual(codesByLine(`${WRONG}\n\n${UNCITED}\n`), ['1 mismatch', '3 missing-citation']);
});

test('disable-next-line silences the next line only, for the named codes or all', () => {
  assert.deepEqual(codesByLine(`<!-- sourcecheck-disable-next-line -->\n${WRONG}\n\n${UNCITED}\n`), ['4 missing-citation']);
  assert.deepEqual(codesByLine(`<!-- sourcecheck-disable-next-line missing-citation -->\n${WRONG}\n\n${UNCITED}\n`), ['2 mismatch', '4 missing-citation']);
  assert.deepEqual(codesByLine(`<!-- sourcecheck-disable-next-line mismatch -->\n${WRONG}\n\n${UNCITED}\n`), ['4 missing-citation']);
});

test('disable ... enable silences a region, by code', () => {
  const doc = `<!-- sourcecheck-disable mismatch -->\n\n${WRONG}\n\n<!-- sourcecheck-enable -->\n\n${WRONG}\n`;
  assert.deepEqual(codesByLine(doc), ['7 mismatch']);
  const all = `<!-- sourcecheck-disable -->\n\n${WRONG}\n\n${UNCITED}\n`;
  assert.deepEqual(codesByLine(all), []);
});

test('disable-file silences the whole file, wherever it stands', () => {
  assert.deepEqual(codesByLine(`${WRONG}\n\n${UNCITED}\n\n<!-- sourcecheck-disable-file -->\n`), []);
  assert.deepEqual(codesByLine(`${WRONG}\n\n${UNCITED}\n\n<!-- sourcecheck-disable-file missing-citation -->\n`), ['1 mismatch']);
});

test('a directive inside a code block is text, not a directive', () => {
  assert.deepEqual(codesByLine(`\`\`\`\n<!-- sourcecheck-disable-file -->\n\`\`\`\n\n${WRONG}\n`), ['5 mismatch']);
});
