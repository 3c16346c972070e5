import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions } from '../../server/src/engine/values/index';

function adversarial(size: number, pieces: string[]): string {
  let out = '';
  for (let i = 0; out.length < size; i++) out += pieces[i % pieces.length];
  return out;
}

test('a 200 KB string of digits, commas, spaces and dollar signs is processed', () => {
  const text = adversarial(200_000, ['1', ',', '2', '3', '4', ' ', '$', '5', '.', '0', ',', ',', '$', '$', ' ', '9']);
  const ms = extractMentions(text);
  assert.ok(Array.isArray(ms));
  assert.ok(ms.length < text.length / 2, `sane count: ${ms.length}`);
  for (let i = 1; i < ms.length; i++) assert.ok(ms[i]!.span.start >= ms[i - 1]!.span.end);
});

test('a 200 KB string of near-miss words and numbers is processed', () => {
  const text = adversarial(200_000, [
    'twenty-one ', 'billion ', 'about ', '$', '21', 'bn ', 'Dec. ', '2032-', '12-', 'first ', 'a ', 'year ', 'end of ',
    'nine-', 'month ', '2,0', '32 ', '3.2.0 ', 'one hundred and ', 'more than ', '\n',
  ]);
  const ms = extractMentions(text);
  assert.ok(ms.length > 1000 && ms.length < text.length / 3, `sane count: ${ms.length}`);
  for (let i = 1; i < ms.length; i++) assert.ok(ms[i]!.span.start >= ms[i - 1]!.span.end);
});

test('a 200 KB string of one long number and long whitespace runs is processed', () => {
  const text = `$${'1'.repeat(100_000)}${' '.repeat(50_000)}months ${'9,'.repeat(25_000)}`;
  const ms = extractMentions(text);
  assert.ok(ms.length <= 3, `sane count: ${ms.length}`);
});

test('text with no digit and no value word is rejected without mentions', () => {
  assert.deepEqual(extractMentions('Meta says the model will come to WhatsApp and Instagram soon.'), []);
});
