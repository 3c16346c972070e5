/** Fixes keep the writer's format and the document's citation style, and leave a clean document. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../server/src/engine/check';
import { applyFixes, fixAllEdits } from '../../server/src/engine/fixes/applyFixes';
import { seedBase } from '../helpers/seed';
import type { CitationStyle } from '../../server/src/engine/api';

const SCORED = new Set(['mismatch', 'missing-citation', 'wrong-citation']);

function fixAll(markdown: string, citationStyle: CitationStyle = 'auto'): string {
  const { findings } = checkDocument(markdown, seedBase(), { citationStyle });
  return applyFixes(markdown, fixAllEdits(findings, markdown));
}

function scored(markdown: string): string[] {
  return checkDocument(markdown, seedBase()).findings.filter((f) => SCORED.has(f.code)).map((f) => `${f.range.start.line + 1} ${f.code}`);
}

const UNCITED = 'Meta announced its NVIDIA partnership on February 17, 2026.';

test('mismatch fixes keep the writer format', () => {
  const cases: Array<[string, string]> = [
    ["Meta's CoreWeave deal is worth $12B. (investors.coreweave.com)", "Meta's CoreWeave deal is worth $21B. (investors.coreweave.com)"],
    ['The CoreWeave contract runs through Dec. 2030. (investors.coreweave.com)', 'The CoreWeave contract runs through Dec. 2032. (investors.coreweave.com)'],
    ['Meta Superintelligence Labs rebuilt its stack in twelve months. (about.fb.com)', 'Meta Superintelligence Labs rebuilt its stack in nine months. (about.fb.com)'],
    ["Meta's CoreWeave agreement is worth more than $25 billion. (investors.coreweave.com)", "Meta's CoreWeave agreement is worth about $21 billion. (investors.coreweave.com)"],
  ];
  for (const [draft, fixed] of cases) assert.equal(fixAll(draft), fixed);
});

test('a missing citation follows the seed style by default: after the final punctuation', () => {
  const fixed = fixAll(UNCITED);
  assert.equal(fixed, `${UNCITED} (about.fb.com)`);
  assert.deepEqual(scored(fixed), []);
});

test('a missing citation follows the document: parenthetical before the full stop', () => {
  const doc = `Muse Spark powers the Meta AI app (about.fb.com).\n\n${UNCITED}\n`;
  const fixed = fixAll(doc);
  assert.match(fixed, /on February 17, 2026 \(about\.fb\.com\)\.\n$/);
  assert.deepEqual(scored(fixed), []);
});

test('a missing citation follows the document: links', () => {
  const doc = `Muse Spark powers the Meta AI app, says [Meta](https://about.fb.com/news/).\n\n${UNCITED}\n`;
  const fixed = fixAll(doc);
  assert.match(fixed, /on February 17, 2026 \(\[about\.fb\.com\]\(https:\/\/about\.fb\.com\/news\/\)\)\.\n$/);
  assert.deepEqual(scored(fixed), []);
});

test('a missing citation follows the document: footnotes, reusing a definition for the source', () => {
  const doc = `Muse Spark powers the Meta AI app.[^meta]\n\n${UNCITED}\n\n[^meta]: https://about.fb.com/news/\n`;
  const fixed = fixAll(doc);
  assert.match(fixed, /on February 17, 2026\.\[\^meta\]\n/);
  assert.equal(fixed.match(/\[\^meta\]:/g)?.length, 1);
  assert.deepEqual(scored(fixed), []);
});

test('footnote style adds one definition for a new source, however many sentences need it', () => {
  const doc = `Muse Spark powers the Meta AI app.[^meta]\n\nCoreWeave said the capacity is for inference workloads.\n\nMeta's CoreWeave deal is worth about $21 billion.\n\n[^meta]: https://about.fb.com/news/\n`;
  const fixed = fixAll(doc);
  assert.equal(fixed.match(/\[\^investors-coreweave-com\]:/g)?.length, 1, fixed);
  assert.equal(fixed.match(/\[\^investors-coreweave-com\][^:]/g)?.length, 2, fixed);
  assert.deepEqual(scored(fixed), []);
});

test('the citationStyle option overrides the document style', () => {
  assert.match(fixAll(UNCITED, 'footnote'), /2026\.\[\^about-fb-com\]\n\n\[\^about-fb-com\]: https:\/\/about\.fb\.com\/news\/\n$/);
});

test('a wrong citation covering only its sentence is replaced; a shared one is kept and the right one added', () => {
  const alone = 'CoreWeave said the added capacity is for inference workloads. (about.fb.com)';
  assert.equal(fixAll(alone), 'CoreWeave said the added capacity is for inference workloads. (investors.coreweave.com)');
  const shared = 'Muse Spark powers the Meta AI app. CoreWeave said the added capacity is for inference workloads. (about.fb.com)';
  const fixed = fixAll(shared);
  assert.match(fixed, /\(about\.fb\.com\)/);
  assert.match(fixed, /\(investors\.coreweave\.com\)/);
  assert.deepEqual(scored(fixed), []);
});

test('fixes of overlapping findings do not clash', () => {
  const doc = "Meta's CoreWeave deal is worth $12B and runs through Dec. 2030.";
  const fixed = fixAll(doc);
  assert.equal(fixed, "Meta's CoreWeave deal is worth $21B and runs through Dec. 2032. (investors.coreweave.com)");
});
