import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SEGMENT_WINDOW, sentenceEnds, splitSentences } from '../../server/src/engine/text/sentences';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

test('splits plain sentences and trims them', () => {
  assert.deepEqual(sentences('Meta said so.  CoreWeave agreed. '), ['Meta said so.', 'CoreWeave agreed.']);
});

test('re-joins month abbreviations before a day or year', () => {
  assert.deepEqual(sentences('The facility closed on Mar. 31, 2026. It was large.'), [
    'The facility closed on Mar. 31, 2026.',
    'It was large.',
  ]);
  assert.deepEqual(sentences('It runs through Dec. 2032 and then ends.'), ['It runs through Dec. 2032 and then ends.']);
});

test('re-joins titles and U.S. before a lowercase word, but not before a new sentence', () => {
  assert.deepEqual(sentences('Dr. Smith agreed.'), ['Dr. Smith agreed.']);
  assert.deepEqual(sentences('The U.S. market grew. Then it fell.'), ['The U.S. market grew.', 'Then it fell.']);
  assert.deepEqual(sentences('It was sold in the U.S. The buyer paid.'), ['It was sold in the U.S.', 'The buyer paid.']);
});

test('keeps the spans exact into the original text', () => {
  const text = 'First one. Second one!';
  for (const span of splitSentences(text)) assert.equal(text.slice(span.start, span.end).trim(), text.slice(span.start, span.end));
});

// sentenceEnds applies the sentence boundary rules itself for the characters it knows; it must break
// exactly where Intl.Segmenter does, or it hands the text to the segmenter.
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const KNOWN = [...'aAzZé09.!?"\'()[]{},-:;$#*/ \n\r\t\u00a0£¥«»–—‘’“”…€₹@&%+=<>\\^_`|~'];

test('sentenceEnds breaks where Intl.Segmenter does', () => {
  const icuEnds = (text: string) => [...segmenter.segment(text)].map((s) => s.index + s.segment.length);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...KNOWN, ' ', '.', 'b', 'C'), { maxLength: 40 }), (chars) => {
      const text = chars.join('');
      assert.deepEqual(sentenceEnds(text), icuEnds(text), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
  for (const text of ['Mr. Smith paid $1.5 bn. on Feb. 17, 2026? Yes! "No." (Really.) U.S. firms; e.g. this.', 'One.\r\nTwo.\n\nthree', ''])
    assert.deepEqual(sentenceEnds(text), icuEnds(text));
});

test('sentenceEnds leaves a text with characters it does not know to Intl.Segmenter', () => {
  assert.equal(sentenceEnds('Launch day 🚀. Next.'), undefined);
  assert.equal(sentenceEnds('x'.repeat(SEGMENT_WINDOW + 1)), undefined);
});
