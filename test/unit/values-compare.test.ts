import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agrees, intervalsAgree, parseValueText, valueInterval } from '../../server/src/engine/values/index';
import type { Value } from '../../server/src/engine/types';

function v(text: string): Value {
  const p = parseValueText(text);
  if ('error' in p) assert.fail(`${text}: ${p.error}`);
  return p.value;
}

function check(source: string, agreeing: string[], disagreeing: string[]): void {
  for (const d of agreeing) {
    test(`${source} (source) agrees with ${d}`, () => assert.equal(agrees(v(d), v(source)), true));
  }
  for (const d of disagreeing) {
    test(`${source} (source) disagrees with ${d}`, () => assert.equal(agrees(v(d), v(source)), false));
  }
}

check('about $21 billion',
  ['$21B', 'US$21bn', 'twenty-one billion dollars', '$21,000,000,000', 'more than $20 billion', 'nearly $21 billion',
    'about $20 billion', '$21.3 billion', 'about $21 billion', 'USD 21 billion'],
  ['$20 billion', '$22 billion', 'roughly $31 billion', '$21 million', '$12B', 'less than $20 billion',
    'more than $25 billion', '€21 billion', 'December 2032']);
check('$8.5 billion', ['$8.5bn', 'about $8.5 billion'], ['$5.8 billion', '$8 billion', '$9 billion', '$8.4 billion']);
check('December 2032',
  ['2032', 'end of 2032', 'Dec. 2032', '2032-12', 'late 2032', 'December 2032', 'before 2033', 'after 2031'],
  ['December 2033', 'December 2023', 'Dec. 2030', 'early 2032', 'mid-2032', 'before December 2032', 'after 2032',
    'nine months']);
check('February 24, 2026',
  ['2026-02-24', '24 February 2026', 'Feb. 24', 'February 2026', 'early 2026', '2026'],
  ['February 27, 2026', 'Feb. 17', 'February 23, 2026', 'February 25, 2026', 'late 2026', 'March 2026']);
check('nine months', ['9 months', 'nine-month', 'about nine months'], ['twelve months', 'a year', 'six months', 'eight months']);
check('almost seven years',
  ['seven years', 'nearly seven years', 'almost 7 years', '7 years'],
  ['eight years', 'six years', 'almost eight years', 'more than seven years']);
check('a year', ['twelve months', '12 months', '1 year'], ['nine months', 'two years', '18 months']);
check('first', ['1st', 'First'], ['second', '2nd']);

test('an explicit tolerance widens the source interval', () => {
  assert.equal(agrees(v('$20 billion'), v('about $21 billion')), false);
  assert.equal(agrees(v('$20 billion'), v('about $21 billion'), 1e9), true);
  assert.equal(agrees(v('February 27, 2026'), v('February 24, 2026'), 3), true);
  assert.equal(agrees(v('February 27, 2026'), v('February 24, 2026'), 1), false);
});

test('different currencies never agree, even at the same amount', () => {
  assert.equal(agrees(v('€21 billion'), v('$21 billion')), false);
  assert.equal(agrees(v('$21 billion'), v('$21 billion')), true);
});

test('money intervals follow precision and bound', () => {
  assert.deepEqual(valueInterval(v('$21 billion')), { lo: 20.5e9, hi: 21.5e9 });
  assert.deepEqual(valueInterval(v('$8.5bn')), { lo: 8.45e9, hi: 8.55e9 });
  assert.deepEqual(valueInterval(v('$20 billion')), { lo: 19.5e9, hi: 20.5e9 });
  // A hedge frees trailing zeros, but the interval never spans more than a fifth of the amount.
  assert.deepEqual(valueInterval(v('about $20 billion')), { lo: 18e9, hi: 22e9 });
  assert.deepEqual(valueInterval(v('almost $21 billion')), { lo: 20.5e9, hi: 21e9 });
  assert.deepEqual(valueInterval(v('more than $20 billion')), { lo: 20e9, hi: Infinity });
  assert.deepEqual(valueInterval(v('less than $20 billion')), { lo: -Infinity, hi: 20e9 });
});

test('a hedged round number is not a licence for any figure', () => {
  assert.ok(agrees(v('about $20 billion'), v('about $21 billion')));
  assert.ok(!agrees(v('about ten years'), v('almost seven years')));
  assert.ok(!agrees(v('about 10 years'), v('almost seven years')));
  assert.ok(agrees(v('about seven years'), v('almost seven years')));
});

test('date intervals cover the period stated, in days since 1970', () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
  assert.deepEqual(valueInterval(v('December 2032')), { lo: day(2032, 12, 1), hi: day(2033, 1, 1) });
  assert.deepEqual(valueInterval(v('2032')), { lo: day(2032, 1, 1), hi: day(2033, 1, 1) });
  assert.deepEqual(valueInterval(v('February 17, 2026')), { lo: day(2026, 2, 17), hi: day(2026, 2, 18) });
  assert.deepEqual(valueInterval(v('Feb. 17'), v('December 2030')), { lo: day(2030, 2, 17), hi: day(2030, 2, 18) });
  const end = valueInterval(v('end of 2032'));
  assert.equal(end.hi, day(2033, 1, 1));
  assert.ok(Math.abs(end.lo - (day(2032, 1, 1) + (366 * 2) / 3)) < 1e-9);
  assert.deepEqual(valueInterval(v('before 2032')), { lo: -Infinity, hi: day(2032, 1, 1) });
  assert.deepEqual(valueInterval(v('after 2032')), { lo: day(2033, 1, 1), hi: Infinity });
});

test('duration and ordinal intervals', () => {
  assert.deepEqual(valueInterval(v('nine months')), { lo: 8.5 * 30.436875, hi: 9.5 * 30.436875 });
  assert.deepEqual(valueInterval(v('almost seven years')), { lo: 6.5 * 365.2425, hi: 7 * 365.2425 });
  assert.deepEqual(valueInterval(v('first')), { lo: 0.5, hi: 1.5 });
});

test('year-less dates compare with each other on the same year', () => {
  assert.equal(agrees(v('Feb. 17'), v('17 Feb.')), true);
  assert.equal(agrees(v('Feb. 17'), v('Feb. 18')), false);
});

test('intervals touching at one point do not agree', () => {
  assert.equal(intervalsAgree({ lo: 0, hi: 1 }, { lo: 1, hi: 2 }), false);
  assert.equal(intervalsAgree({ lo: 0, hi: 1.01 }, { lo: 1, hi: 2 }), false);
  assert.equal(intervalsAgree({ lo: 0, hi: Infinity }, { lo: 1, hi: 2 }), true);
  assert.equal(intervalsAgree({ lo: -Infinity, hi: 1 }, { lo: 1, hi: 2 }), false);
});
