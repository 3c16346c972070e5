import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions } from '../../server/src/engine/values/index';
import type { DurationFormat, DurationValue, Mention, OrdinalValue } from '../../server/src/engine/types';

function only(text: string): Mention {
  const ms = extractMentions(text);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map((m) => m.text))}`);
  return ms[0]!;
}

const DURATIONS: [string, string, number, DurationValue['unit'], Partial<DurationFormat>][] = [
  ['It took nine months.', 'nine months', 9, 'month', { numberStyle: 'words', unitText: 'months', hyphenated: false }],
  ['It took 9 months.', '9 months', 9, 'month', { numberStyle: 'digits', unitText: 'months' }],
  ['It took twelve months.', 'twelve months', 12, 'month', { numberStyle: 'words' }],
  ['Twelve months later it shipped.', 'Twelve months', 12, 'month', { numberStyle: 'words' }],
  ['It took a year.', 'a year', 1, 'year', { numberStyle: 'words', unitText: 'year' }],
  ['A year later it shipped.', 'A year', 1, 'year', { numberStyle: 'words' }],
  ['An 18-month plan.', '18-month', 18, 'month', { numberStyle: 'digits', unitText: 'month', hyphenated: true }],
  ['A nine-month sprint.', 'nine-month', 9, 'month', { numberStyle: 'words', unitText: 'month', hyphenated: true }],
  ['A twenty-one-year run.', 'twenty-one-year', 21, 'year', { hyphenated: true }],
  ['It took three weeks.', 'three weeks', 3, 'week', {}],
  ['It took two decades.', 'two decades', 2, 'decade', {}],
  ['It took one and a half years.', 'one and a half years', 1.5, 'year', { numberStyle: 'words' }],
  ['It took 1.5 years.', '1.5 years', 1.5, 'year', { numberStyle: 'digits' }],
  ['It took two quarters.', 'two quarters', 2, 'quarter', {}],
  ['It took one hundred and five days.', 'one hundred and five days', 105, 'day', {}],
  ['It took 30 days.', '30 days', 30, 'day', {}],
];
for (const [sentence, text, amount, unit, fmt] of DURATIONS) {
  test(`duration: ${sentence}`, () => {
    const m = only(sentence);
    assert.equal(m.value.kind, 'duration');
    const v = m.value as DurationValue;
    assert.equal(m.text, text);
    assert.equal(sentence.slice(m.span.start, m.span.end), text);
    assert.equal(v.amount, amount);
    assert.equal(v.unit, unit);
    assert.equal(v.bound, 'exact');
    for (const [k, val] of Object.entries(fmt)) assert.equal((m.format as DurationFormat)[k as keyof DurationFormat], val, k);
  });
}

test('duration: "over the last" is not a bound', () => {
  const m = only('It rebuilt its stack over the last nine months.');
  assert.equal(m.text, 'nine months');
  assert.equal(m.value.bound, 'exact');
  assert.equal(m.qualifierSpan, undefined);
});

test('duration: qualifiers set the bound', () => {
  const almost = only('It took almost seven years.');
  assert.equal(almost.value.bound, 'approx');
  assert.equal((almost.value as DurationValue).qualifier, 'almost');
  assert.equal(almost.qualifierText, 'almost');
  assert.equal(only('It took more than a year.').value.bound, 'gt');
  assert.equal(only('It took over nine months.').value.bound, 'gt');
  assert.equal(only('It took under three weeks.').value.bound, 'lt');
  assert.equal(only('It took at least 9 months.').value.bound, 'gte');
});

test('duration: one unit is read to the next finer unit', () => {
  const v = only('a year').value as DurationValue;
  assert.equal(v.precision, 1 / 12);
  assert.equal((only('nine months').value as DurationValue).precision, 1);
  assert.equal((only('about 20 years').value as DurationValue).precision, 10);
});

const NOT_DURATIONS = [
  'It costs $12 a month.',
  'It meets twice a year.',
  'It pays 5 dollars a day.',
  'A quarter of users left.',
  'The months ahead look busy.',
  'In the coming weeks it ships.',
  'It costs $9 months later.',
];
for (const sentence of NOT_DURATIONS) {
  test(`not a duration: ${sentence}`, () => {
    assert.deepEqual(extractMentions(sentence).filter((m) => m.value.kind === 'duration').map((m) => m.text), []);
  });
}

const ORDINALS: [string, string, number, 'words' | 'digits'][] = [
  ['The first model.', 'first', 1, 'words'],
  ['First, it shipped.', 'First', 1, 'words'],
  ['The second model.', 'second', 2, 'words'],
  ['The third model.', 'third', 3, 'words'],
  ['The twelfth model.', 'twelfth', 12, 'words'],
  ['The twentieth model.', 'twentieth', 20, 'words'],
  ['The twenty-first model.', 'twenty-first', 21, 'words'],
  ['The 1st model.', '1st', 1, 'digits'],
  ['The 2nd model.', '2nd', 2, 'digits'],
  ['The 3rd model.', '3rd', 3, 'digits'],
  ['The 21st model.', '21st', 21, 'digits'],
  ['The 11th model.', '11th', 11, 'digits'],
];
for (const [sentence, text, n, style] of ORDINALS) {
  test(`ordinal: ${sentence}`, () => {
    const m = only(sentence);
    assert.equal(m.value.kind, 'ordinal');
    assert.equal(m.text, text);
    assert.equal((m.value as OrdinalValue).n, n);
    assert.deepEqual(m.format, { kind: 'ordinal', numberStyle: style });
  });
}

const NOT_ORDINALS = [
  'Wait a second.',
  'It renders 60 frames per second.',
  'A 30-second ad ran.',
  'The 2st model.',
  'The 11st model.',
  'The seconds tick.',
];
for (const sentence of NOT_ORDINALS) {
  test(`not an ordinal: ${sentence}`, () => {
    assert.deepEqual(extractMentions(sentence).filter((m) => m.value.kind === 'ordinal').map((m) => m.text), []);
  });
}
