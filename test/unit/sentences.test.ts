import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../server/src/engine/text/sentences';

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
