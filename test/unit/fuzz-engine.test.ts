/**
 * Property tests of the checking engine over generated and mutated drafts (fixed seed, bounded runs;
 * `npm run fuzz` runs the same properties longer and measures time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocument } from '../../server/src/engine/check';
import { applyFixes, fixAllEdits } from '../../server/src/engine/fixes/applyFixes';
import { seedBase } from '../helpers/seed';
import { markdownDraft } from '../fuzz/arbitraries';
import { applyEdits, fixProblems, lineTable, rangeProblems, resultRangeProblems } from '../fuzz/invariants';

const SEED = 20260417;

function fail(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
}

test('checkDocument never throws and every range lies inside the draft on UTF-16 boundaries', () => {
  const base = seedBase();
  fc.assert(
    fc.property(markdownDraft(), (text) => fail(resultRangeProblems(text, checkDocument(text, base)))),
    { seed: SEED, numRuns: 300 },
  );
});

test('every fix applies cleanly and the re-check does not report the fixed finding again', () => {
  const base = seedBase();
  fc.assert(
    fc.property(markdownDraft(), (text) => fail(fixProblems(text, base, checkDocument(text, base), {}, 12))),
    { seed: SEED + 1, numRuns: 100 },
  );
});

test('"fix all" edits are in range, do not overlap, and applyFixes agrees with an editor applying them', () => {
  const base = seedBase();
  fc.assert(
    fc.property(markdownDraft(), fc.constantFrom<'auto' | 'footnote' | 'link' | 'parenthetical'>('auto', 'footnote', 'link', 'parenthetical'), (text, citationStyle) => {
      const result = checkDocument(text, base, { citationStyle });
      const edits = fixAllEdits(result.findings, text);
      const table = lineTable(text);
      fail(edits.flatMap((e, i) => rangeProblems(text, table, e.range, `fix-all edit ${i}`)));
      const spans = edits.map((e) => ({ s: table.starts[e.range.start.line]! + e.range.start.character, e: table.starts[e.range.end.line]! + e.range.end.character })).sort((a, b) => a.s - b.s);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.s >= spans[i - 1]!.e, `fix-all edits overlap: ${JSON.stringify(spans)}`);
      assert.equal(applyFixes(text, edits), applyEdits(text, table, edits));
    }),
    { seed: SEED + 2, numRuns: 100 },
  );
});
