import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agrees, describeValue, extractMentions, fixForMention, parseValueText } from '../../server/src/engine/values/index';
import type { Mention, Value, ValueFormat } from '../../server/src/engine/types';

function parsed(text: string): { value: Value; format: ValueFormat } {
  const p = parseValueText(text);
  if ('error' in p) assert.fail(`${text}: ${p.error}`);
  return p;
}

function mentionIn(sentence: string): Mention {
  const ms = extractMentions(sentence);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(sentence)}: ${JSON.stringify(ms.map((m) => m.text))}`);
  return ms[0]!;
}

/** Applies the fix for `source` to the one mention in `sentence` and returns the fixed sentence. */
function fixed(source: string, sentence: string): string {
  const s = parsed(source);
  const m = mentionIn(sentence);
  const { span, newText } = fixForMention(s.value, s.format, m);
  const out = sentence.slice(0, span.start) + newText + sentence.slice(span.end);
  const after = mentionIn(out);
  assert.ok(agrees(after.value, s.value), `fixed text ${JSON.stringify(out)} agrees with ${source}`);
  return out;
}

const CASES: [string, string, string][] = [
  // source, draft sentence, fixed sentence
  ['about $21 billion', 'Worth $12B today.', 'Worth $21B today.'],
  ['about $21 billion', 'Worth $12bn today.', 'Worth $21bn today.'],
  ['about $21 billion', 'A US$12bn deal.', 'A US$21bn deal.'],
  ['about $21 billion', 'Worth 12 billion dollars today.', 'Worth 21 billion dollars today.'],
  ['about $21 billion', 'Worth twelve billion dollars today.', 'Worth twenty-one billion dollars today.'],
  ['about $21 billion', 'Twelve billion dollars changed hands.', 'Twenty-one billion dollars changed hands.'],
  ['about $21 billion', 'Worth $12,000,000,000 today.', 'Worth $21,000,000,000 today.'],
  ['about $21 billion', 'Worth $21 million today.', 'Worth $21 billion today.'],
  ['about $21 billion', 'Worth $21M today.', 'Worth $21B today.'],
  ['about $21 billion', 'Worth $21m today.', 'Worth $21bn today.'],
  ['about $21 billion', 'Worth $12 billion today.', 'Worth $21 billion today.'],
  ['about $21 billion', 'Worth more than $25 billion today.', 'Worth about $21 billion today.'],
  ['about $21 billion', 'Worth less than $20 billion today.', 'Worth about $21 billion today.'],
  ['about $21 billion', 'More than $25 billion changed hands.', 'About $21 billion changed hands.'],
  ['about $21 billion', 'Valued at roughly $31 billion.', 'Valued at roughly $21 billion.'],
  ['$8.5 billion', 'A $5.8 billion facility.', 'A $8.5 billion facility.'],
  ['$8.5 billion', 'A $5,800,000,000 facility.', 'A $8,500,000,000 facility.'],
  ['$8.5 billion', 'A facility of twelve billion dollars.', 'A facility of 8.5 billion dollars.'],
  ['about $21 billion', 'Worth $12 in all.', 'Worth $21 billion in all.'],
  ['$12', 'It costs $15 a month.', 'It costs $12 a month.'],
  ['$8.5 billion', 'A $5.8bn facility.', 'A $8.5bn facility.'],
  ['more than $20 billion', 'Worth $12 billion.', 'Worth more than $20 billion.'],
  ['December 2032', 'Through Dec. 2030.', 'Through Dec. 2032.'],
  ['December 2032', 'Through December 2033.', 'Through December 2032.'],
  ['December 2032', 'Through 2030.', 'Through 2032.'],
  ['December 2032', 'Until the end of 2030.', 'Until the end of 2032.'],
  ['December 2032', 'Through December 15, 2033.', 'Through December 2032.'],
  ['December 2032', 'Through Dec. 15, 2033.', 'Through Dec. 2032.'],
  ['December 2032', 'Through 2030-12.', 'Through 2032-12.'],
  ['December 2032', 'Until early 2030.', 'Until December 2032.'],
  ['December 2032', 'It ends after 2033.', 'It ends 2032.'],
  ['February 24, 2026', 'On February 27, 2026, it closed.', 'On February 24, 2026, it closed.'],
  ['February 24, 2026', 'On 27 February 2026 it closed.', 'On 24 February 2026 it closed.'],
  ['February 24, 2026', 'On 2026-02-27 it closed.', 'On 2026-02-24 it closed.'],
  ['February 24, 2026', 'On Feb. 27 it closed.', 'On Feb. 24 it closed.'],
  ['February 24, 2026', 'In March 2026 it closed.', 'In February 2026 it closed.'],
  ['end of 2032', 'Through December 2030.', 'Through end of 2032.'],
  ['nine months', 'It took twelve months.', 'It took nine months.'],
  ['nine months', 'It took 12 months.', 'It took 9 months.'],
  ['nine months', 'A twelve-month sprint.', 'A nine-month sprint.'],
  ['nine months', 'It took a year.', 'It took nine months.'],
  ['nine months', 'A year went by.', 'Nine months went by.'],
  ['December 2032', 'Late 2030 it ends.', 'Late 2032 it ends.'],
  ['about $21 billion', 'USD 12 billion changed hands.', 'USD 21 billion changed hands.'],
  ['nine months', 'Twelve months on, it shipped.', 'Nine months on, it shipped.'],
  ['nine months', 'It took more than a year.', 'It took nine months.'],
  ['a year', 'It took nine months.', 'It took one year.'],
  ['almost seven years', 'It took eight years.', 'It took seven years.'],
  ['almost seven years', 'It took almost eight years.', 'It took almost seven years.'],
  ['first', 'The second model.', 'The first model.'],
  ['first', 'The 2nd model.', 'The 1st model.'],
  ['first', 'Second came Muse.', 'First came Muse.'],
  ['twenty-first', 'The 3rd model.', 'The 21st model.'],
];
for (const [source, draft, expected] of CASES) {
  test(`fix (${source}): ${draft} -> ${expected}`, () => assert.equal(fixed(source, draft), expected));
}

test('fix: the span is the mention, or qualifier and mention when the bound word is wrong', () => {
  const s = parsed('about $21 billion');
  const hedged = mentionIn('at roughly $31 billion');
  assert.deepEqual(fixForMention(s.value, s.format, hedged).span, hedged.span);
  const bounded = mentionIn('at more than $25 billion');
  assert.deepEqual(fixForMention(s.value, s.format, bounded).span, { start: bounded.qualifierSpan!.start, end: bounded.span.end });
});

test('fix: another currency takes the source currency', () => {
  const s = parsed('about $21 billion');
  const m = mentionIn('Worth €12bn.');
  assert.equal(fixForMention(s.value, s.format, m).newText, '$21bn');
});

const DESCRIBED: [string, string][] = [
  ['about $21 billion', 'about $21 billion'],
  ['$8.5 billion', '$8.5 billion'],
  ['US$21bn', 'US$21bn'],
  ['more than $20 billion', 'more than $20 billion'],
  ['~$21B', '~$21B'],
  ['December 2032', 'December 2032'],
  ['Dec. 2032', 'Dec. 2032'],
  ['February 17, 2026', 'February 17, 2026'],
  ['17 February 2026', '17 February 2026'],
  ['2026-02-17', '2026-02-17'],
  ['end of 2032', 'end of 2032'],
  ['before 2033', 'before 2033'],
  ['nine months', 'nine months'],
  ['almost seven years', 'almost seven years'],
  ['18-month', '18-month'],
  ['first', 'first'],
  ['21st', '21st'],
];
for (const [text, expected] of DESCRIBED) {
  test(`describeValue in its own format: ${text}`, () => {
    const p = parsed(text);
    assert.equal(describeValue(p.value, p.format), expected);
  });
}

const CANONICAL: [string, string][] = [
  ['about $21 billion', 'about $21 billion'],
  ['US$21bn', '$21 billion'],
  ['twenty-one billion dollars', '$21 billion'],
  ['$8.5bn', '$8.5 billion'],
  ['$12', '$12'],
  ['$12,500', '$12,500'],
  ['€5m', '€5 million'],
  ['December 2032', 'December 2032'],
  ['Dec. 2032', 'December 2032'],
  ['2026-02-17', 'February 17, 2026'],
  ['2032-12', 'December 2032'],
  ['Feb. 17', 'February 17'],
  ['mid-2026', 'mid-2026'],
  ['9 months', 'nine months'],
  ['18-month', '18 months'],
  ['almost seven years', 'almost seven years'],
  ['a year', 'one year'],
  ['1st', 'first'],
  ['21st', '21st'],
];
for (const [text, expected] of CANONICAL) {
  test(`describeValue canonically: ${text}`, () => {
    assert.equal(describeValue(parsed(text).value), expected);
  });
}
