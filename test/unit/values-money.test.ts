import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions } from '../../server/src/engine/values/index';
import type { Mention, MoneyValue } from '../../server/src/engine/types';

function only(text: string): Mention {
  const ms = extractMentions(text);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map((m) => m.text))}`);
  return ms[0]!;
}

function money(text: string): { m: Mention; v: MoneyValue } {
  const m = only(text);
  assert.equal(m.value.kind, 'money', `money in ${JSON.stringify(text)}`);
  return { m, v: m.value as MoneyValue };
}

const RECOGNISED: [string, string, string, number, number][] = [
  // sentence, mention text, currency, amount, precision
  ['The deal is worth $21 billion today.', '$21 billion', 'USD', 21e9, 1e9],
  ['The deal is worth $21B.', '$21B', 'USD', 21e9, 1e9],
  ['The deal is worth $21bn.', '$21bn', 'USD', 21e9, 1e9],
  ['A US$21bn agreement.', 'US$21bn', 'USD', 21e9, 1e9],
  ['Worth USD 21 billion in all.', 'USD 21 billion', 'USD', 21e9, 1e9],
  ['Worth 21 billion dollars in all.', '21 billion dollars', 'USD', 21e9, 1e9],
  ['Worth twenty-one billion dollars in all.', 'twenty-one billion dollars', 'USD', 21e9, 1e9],
  ['Twenty-one billion dollars, they said.', 'Twenty-one billion dollars', 'USD', 21e9, 1e9],
  ['A facility of $8.5bn closed.', '$8.5bn', 'USD', 8.5e9, 1e8],
  ['A facility of $8.5 billion closed.', '$8.5 billion', 'USD', 8.5e9, 1e8],
  ['A facility of $5.8 billion closed.', '$5.8 billion', 'USD', 5.8e9, 1e8],
  ['In all $21,000,000,000 changed hands.', '$21,000,000,000', 'USD', 21e9, 1],
  ['It costs $12 a month.', '$12', 'USD', 12, 1],
  ['A $21 million round.', '$21 million', 'USD', 21e6, 1e6],
  ['A $21M round.', '$21M', 'USD', 21e6, 1e6],
  ['A $21m round.', '$21m', 'USD', 21e6, 1e6],
  ['A $21mn round.', '$21mn', 'USD', 21e6, 1e6],
  ['A $1.2 trillion market.', '$1.2 trillion', 'USD', 1.2e12, 1e11],
  ['A $3tn market.', '$3tn', 'USD', 3e12, 1e12],
  ['A $3T market.', '$3T', 'USD', 3e12, 1e12],
  ['A $5 thousand fee.', '$5 thousand', 'USD', 5e3, 1e3],
  ['A $5k fee.', '$5k', 'USD', 5e3, 1e3],
  ['A €5m grant.', '€5m', 'EUR', 5e6, 1e6],
  ['A £3bn bid.', '£3bn', 'GBP', 3e9, 1e9],
  ['They lost 5 million euros.', '5 million euros', 'EUR', 5e6, 1e6],
  ['It paid EUR 40 million.', 'EUR 40 million', 'EUR', 40e6, 1e6],
  ['It paid a billion dollars.', 'a billion dollars', 'USD', 1e9, 1e9],
  ['It paid 21 billion USD.', '21 billion USD', 'USD', 21e9, 1e9],
];

for (const [sentence, text, currency, amount, precision] of RECOGNISED) {
  test(`money: ${sentence}`, () => {
    const { m, v } = money(sentence);
    assert.equal(m.text, text);
    assert.equal(sentence.slice(m.span.start, m.span.end), text);
    assert.equal(v.currency, currency);
    assert.equal(v.amount, amount);
    assert.equal(v.precision, precision);
    assert.equal(v.bound, 'exact');
    assert.equal(m.qualifierSpan, undefined);
  });
}

const NOT_MONEY = [
  'Raised the upload limit to 21 MB.',
  'It hit 8.5% of sessions.',
  'Press F12 to open the developer tools.',
  'Version 3.2.0 is out.',
  'It reaches billions of people.',
  'It answers millions of prompts.',
  'It has 21 billion parameters.',
  'Twenty-one billion requests a day.',
  'The file is $21MB large.',
];
for (const sentence of NOT_MONEY) {
  test(`not money: ${sentence}`, () => {
    assert.deepEqual(extractMentions(sentence).filter((m) => m.value.kind === 'money').map((m) => m.text), []);
  });
}

const QUALIFIED: [string, string, MoneyValue['bound'], string][] = [
  ['worth about $21 billion', 'about', 'approx', 'about'],
  ['worth around $21 billion', 'around', 'approx', 'around'],
  ['worth approximately $21 billion', 'approximately', 'approx', 'approximately'],
  ['worth roughly $21 billion', 'roughly', 'approx', 'roughly'],
  ['worth some $21 billion', 'some', 'approx', 'some'],
  ['worth nearly $21 billion', 'nearly', 'approx', 'nearly'],
  ['worth almost $21 billion', 'almost', 'approx', 'almost'],
  ['worth ~$21 billion', '~', 'approx', '~'],
  ['worth more than $21 billion', 'more than', 'gt', 'more than'],
  ['worth More  than $21 billion', 'More  than', 'gt', 'more than'],
  ['worth over $21 billion', 'over', 'gt', 'over'],
  ['worth above $21 billion', 'above', 'gt', 'above'],
  ['worth at least $21 billion', 'at least', 'gte', 'at least'],
  ['worth upwards of $21 billion', 'upwards of', 'gt', 'upwards of'],
  ['worth less than $21 billion', 'less than', 'lt', 'less than'],
  ['worth under $21 billion', 'under', 'lt', 'under'],
  ['worth below $21 billion', 'below', 'lt', 'below'],
  ['worth up to $21 billion', 'up to', 'lte', 'up to'],
  ['worth at most $21 billion', 'at most', 'lte', 'at most'],
  ['worth as much as $21 billion', 'as much as', 'lte', 'as much as'],
  ['worth no more than $21 billion', 'no more than', 'lte', 'no more than'],
];
for (const [sentence, qualifierText, bound, word] of QUALIFIED) {
  test(`money qualifier: ${sentence}`, () => {
    const { m, v } = money(sentence);
    assert.equal(m.text, '$21 billion');
    assert.equal(v.bound, bound);
    assert.equal(v.qualifier, word);
    assert.equal(m.qualifierText, qualifierText);
    assert.ok(m.qualifierSpan);
    assert.equal(sentence.slice(m.qualifierSpan.start, m.qualifierSpan.end), qualifierText);
  });
}

test('money: a word that only ends like a qualifier is not one', () => {
  const { m, v } = money('It was handsome $21 billion.');
  assert.equal(v.bound, 'exact');
  assert.equal(m.qualifierSpan, undefined);
});

test('money: a hedge makes trailing zeros insignificant, an exact figure keeps them', () => {
  assert.equal(money('about $20 billion').v.precision, 1e10);
  assert.equal(money('$20 billion').v.precision, 1e9);
  assert.equal(money('about $21,000,000,000').v.precision, 1e9);
  assert.equal(money('about $8.5 billion').v.precision, 1e8);
});

test('money: formats record how the writer spelled the amount', () => {
  assert.deepEqual(money('US$21bn').m.format, {
    kind: 'money', prefix: 'US$', numberStyle: 'digits', scaleWord: 'bn', scaleFactor: 1e9, spaceBeforeScale: false, suffix: '',
  });
  assert.deepEqual(money('twenty-one billion dollars').m.format, {
    kind: 'money', prefix: '', numberStyle: 'words', scaleWord: 'billion', scaleFactor: 1e9, spaceBeforeScale: true, suffix: ' dollars',
  });
  assert.deepEqual(money('$21,000,000,000').m.format, {
    kind: 'money', prefix: '$', numberStyle: 'grouped', scaleWord: '', scaleFactor: 1, spaceBeforeScale: false, suffix: '',
  });
  const usd = money('USD 21 billion').m.format;
  assert.equal(usd.kind === 'money' ? usd.prefix : undefined, 'USD ');
});

test('money: several mentions in one sentence are sorted and do not overlap', () => {
  const text = 'Up from $12B in 2024 to about $21 billion, then $5k.';
  const ms = extractMentions(text);
  assert.deepEqual(ms.map((m) => m.text), ['$12B', '2024', '$21 billion', '$5k']);
  for (let i = 1; i < ms.length; i++) assert.ok(ms[i]!.span.start >= ms[i - 1]!.span.end);
});

test('money: offsets are UTF-16 after astral characters', () => {
  const text = '🚀🚀 worth $21B';
  const m = only(text);
  assert.equal(m.span.start, text.indexOf('$'));
  assert.equal(text.slice(m.span.start, m.span.end), '$21B');
});
