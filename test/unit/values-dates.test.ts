import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions } from '../../server/src/engine/values/index';
import type { DateFormat, DateValue, Mention } from '../../server/src/engine/types';

function dates(text: string): Mention[] {
  return extractMentions(text).filter((m) => m.value.kind === 'date');
}

function date(text: string): { m: Mention; v: DateValue; f: DateFormat } {
  const ms = extractMentions(text);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map((m) => m.text))}`);
  const m = ms[0]!;
  assert.equal(m.value.kind, 'date');
  assert.equal(m.format.kind, 'date');
  return { m, v: m.value as DateValue, f: m.format as DateFormat };
}

type Expect = [string, string, Partial<DateValue>, DateFormat['style'], DateFormat['monthStyle']?];
const RECOGNISED: Expect[] = [
  ['It runs through December 2032.', 'December 2032', { year: 2032, month: 12, granularity: 'month' }, 'my', 'long'],
  ['It runs through Dec. 2032.', 'Dec. 2032', { year: 2032, month: 12, granularity: 'month' }, 'my', 'shortDot'],
  ['It runs through Dec 2032.', 'Dec 2032', { year: 2032, month: 12, granularity: 'month' }, 'my', 'short'],
  ['It lasts until the end of 2032.', 'end of 2032', { year: 2032, granularity: 'year', part: 'end' }, 'part-y'],
  ['It lasts until late 2032.', 'late 2032', { year: 2032, granularity: 'year', part: 'end' }, 'part-y'],
  ['It starts in early 2026.', 'early 2026', { year: 2026, granularity: 'year', part: 'start' }, 'part-y'],
  ['It starts in mid-2026.', 'mid-2026', { year: 2026, granularity: 'year', part: 'middle' }, 'part-y'],
  ['It starts in Mid-2026.', 'Mid-2026', { year: 2026, granularity: 'year', part: 'middle' }, 'part-y'],
  ['It runs to 2032.', '2032', { year: 2032, granularity: 'year' }, 'y'],
  ['(2032)', '2032', { year: 2032, granularity: 'year' }, 'y'],
  ['On February 17, 2026, Meta spoke.', 'February 17, 2026', { year: 2026, month: 2, day: 17, granularity: 'day' }, 'mdy', 'long'],
  ['On 17 February 2026 Meta spoke.', '17 February 2026', { year: 2026, month: 2, day: 17, granularity: 'day' }, 'dmy', 'long'],
  ['On 2026-02-17 Meta spoke.', '2026-02-17', { year: 2026, month: 2, day: 17, granularity: 'day' }, 'iso'],
  ['Due 2032-12.', '2032-12', { year: 2032, month: 12, granularity: 'month' }, 'iso-month'],
  ['On Feb. 17 Meta spoke.', 'Feb. 17', { month: 2, day: 17, granularity: 'day' }, 'md', 'shortDot'],
  ['On Mar. 31, 2026, it closed.', 'Mar. 31, 2026', { year: 2026, month: 3, day: 31, granularity: 'day' }, 'mdy', 'shortDot'],
  ['On Sept. 5, 2026, it closed.', 'Sept. 5, 2026', { year: 2026, month: 9, day: 5, granularity: 'day' }, 'mdy', 'shortDot'],
  ['On May 5, 2026, it closed.', 'May 5, 2026', { year: 2026, month: 5, day: 5, granularity: 'day' }, 'mdy', 'long'],
  ['In March 2026 it closed.', 'March 2026', { year: 2026, month: 3, granularity: 'month' }, 'my', 'long'],
  ['On February 17th, 2026, it closed.', 'February 17th, 2026', { year: 2026, month: 2, day: 17, granularity: 'day' }, 'mdy', 'long'],
  ['By late December 2032 it ends.', 'late December 2032', { year: 2032, month: 12, granularity: 'month', part: 'end' }, 'part-y', 'long'],
];
for (const [sentence, text, expected, style, monthStyle] of RECOGNISED) {
  test(`date: ${sentence}`, () => {
    const { m, v, f } = date(sentence);
    assert.equal(m.text, text);
    assert.equal(sentence.slice(m.span.start, m.span.end), text);
    for (const [k, val] of Object.entries(expected)) assert.equal(v[k as keyof DateValue], val, k);
    if (expected.year === undefined) assert.equal(v.year, undefined);
    if (expected.day === undefined) assert.equal(v.day, undefined);
    if (expected.part === undefined) assert.equal(v.part, undefined);
    assert.equal(v.bound, 'exact');
    assert.equal(f.style, style);
    if (monthStyle !== undefined) assert.equal(f.monthStyle, monthStyle);
  });
}

test('date: the part text is kept for fixes', () => {
  assert.equal(date('until the end of 2032').f.partText, 'end of ');
  assert.equal(date('in mid-2026').f.partText, 'mid-');
  assert.equal(date('in late 2032').f.partText, 'late ');
});

const NOT_DATES = [
  'Version 3.2.0 shipped.',
  'It sold 2,032 units.',
  'Rates rose 2032% overnight.',
  'The file is 2032 MB.',
  'It had 2032 users.',
  'Read https://example.org/2033/12/31-billion now.',
  'Order #2032 shipped.',
  'See page 2032 of the report.',
  'Flight 2032 landed.',
  'Call 555-2032 now.',
  'It was 12032 in total.',
  'The model 2032x is new.',
  'The 2030s will be busy.',
  'It happens in December.',
  'You may 2 things.',
  'Over 1850 years ago.',
  'Price: $2032.',
];
for (const sentence of NOT_DATES) {
  test(`not a date: ${sentence}`, () => {
    assert.deepEqual(dates(sentence).map((m) => m.text), []);
  });
}

const BOUNDS: [string, DateValue['bound'], string][] = [
  ['before December 2032', 'lt', 'before'],
  ['after February 27, 2026', 'gt', 'after'],
  ['prior to 2032', 'lt', 'prior to'],
  ['no later than 2032', 'lte', 'no later than'],
  ['around mid-2026', 'approx', 'around'],
  ['before the end of 2032', 'lt', 'before'],
];
for (const [text, bound, word] of BOUNDS) {
  test(`date bound: ${text}`, () => {
    const { m, v } = date(text);
    assert.equal(v.bound, bound);
    assert.equal(v.qualifier, word);
    assert.ok(m.qualifierSpan);
    assert.equal(m.qualifierSpan.start, 0);
  });
}

for (const cue of ['through', 'until', 'by', 'in', 'since']) {
  test(`date: "${cue}" is a cue word, not a bound`, () => {
    const { m, v } = date(`${cue} December 2032`);
    assert.equal(v.bound, 'exact');
    assert.equal(m.qualifierSpan, undefined);
  });
}

test('date: a lowercase month word is not a month', () => {
  assert.deepEqual(dates('We march 2026 steps.').map((m) => m.text), ['2026']);
  assert.deepEqual(dates('You may 5 times.').map((m) => m.text), []);
});

test('date: invalid calendar days are not dates', () => {
  assert.deepEqual(dates('On February 30, 2026 nothing.').map((m) => m.text), ['2026']);
  assert.deepEqual(dates('On 2026-02-30 nothing.').map((m) => m.text), []);
  assert.deepEqual(dates('On 2026-13 nothing.').map((m) => m.text), ['2026']);
  assert.equal(dates('On February 29, 2028 ok.')[0]?.text, 'February 29, 2028');
});

test('date: a blank line separates a month from a year', () => {
  assert.deepEqual(dates('It ends in December\n\n2032 begins.').map((m) => m.text), ['2032']);
  assert.deepEqual(dates('It ends in December\n2032.').map((m) => m.text), ['December\n2032']);
});
