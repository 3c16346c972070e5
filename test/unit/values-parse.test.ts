import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseValueText } from '../../server/src/engine/values/index';

const VALID: [string, string, string][] = [
  // text, kind, bound
  ['about $21 billion', 'money', 'approx'],
  ['  about $21 billion  ', 'money', 'approx'],
  ['$8.5 billion', 'money', 'exact'],
  ['December 2032', 'date', 'exact'],
  ['December 2032.', 'date', 'exact'],
  ['nine months', 'duration', 'exact'],
  ['February 17, 2026', 'date', 'exact'],
  ['almost seven years', 'duration', 'approx'],
  ['first', 'ordinal', 'exact'],
  ['2032', 'date', 'exact'],
  ['Feb. 17', 'date', 'exact'],
  ['a year', 'duration', 'exact'],
  ['more than $20 billion', 'money', 'gt'],
  ['before 2033', 'date', 'lt'],
];
for (const [text, kind, bound] of VALID) {
  test(`parseValueText: ${JSON.stringify(text)}`, () => {
    const p = parseValueText(text);
    assert.ok(!('error' in p), JSON.stringify(p));
    assert.equal(p.value.kind, kind);
    assert.equal(p.format.kind, kind);
    assert.equal(p.value.bound, bound);
  });
}

const INVALID: [string, RegExp][] = [
  ['', /not an amount/],
  ['December', /not an amount/],
  ['21 billion', /not an amount/],
  ['hello world', /not an amount/],
  ['$21 billion and $8.5 billion', /more than one value/],
  ['through December 2032', /Unexpected "through"/],
  ['$21 billion in cash', /Unexpected "in cash"/],
];
for (const [text, message] of INVALID) {
  test(`parseValueText rejects ${JSON.stringify(text)}`, () => {
    const p = parseValueText(text);
    assert.ok('error' in p, `expected an error for ${JSON.stringify(text)}`);
    assert.match(p.error, message);
  });
}

test('parseValueText keeps the qualifier word on the value', () => {
  const p = parseValueText('nearly $21 billion');
  assert.ok(!('error' in p));
  assert.equal(p.value.kind === 'money' ? p.value.qualifier : undefined, 'nearly');
});
