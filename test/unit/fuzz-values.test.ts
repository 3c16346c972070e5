/** Property tests of the value parser: mentions are well-formed slices of the text, and parsing never throws. */
import { test } from 'node:test';
import fc from 'fast-check';
import { extractMentions, parseValueText } from '../../server/src/engine/values';
import { valuePhrase, valueProse } from '../fuzz/arbitraries';
import { mentionProblems } from '../fuzz/invariants';

const SEED = 20260418;

test('extractMentions never throws; spans are in range, on UTF-16 boundaries, sorted and equal to their text', () => {
  fc.assert(
    fc.property(valueProse(), (text) => {
      const problems = mentionProblems(text, extractMentions(text));
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('parseValueText never throws and returns a value or an error', () => {
  fc.assert(
    fc.property(fc.oneof(valuePhrase(), valueProse()), (text) => {
      const parsed = parseValueText(text);
      if (!('error' in parsed) && !('value' in parsed && 'format' in parsed)) throw new Error(`neither value nor error: ${JSON.stringify(parsed)}`);
    }),
    { seed: SEED + 1, numRuns: 3000 },
  );
});
