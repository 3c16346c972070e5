import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { agrees, extractMentions, fixForMention, parseValueText } from '../../server/src/engine/values/index';
import type { Value, ValueFormat } from '../../server/src/engine/types';

const FIXTURES = new URL('../fixtures/examples/', import.meta.url);

function lines(name: string): string[] {
  return readFileSync(new URL(name, FIXTURES), 'utf8').split('\n');
}

function source(text: string): { value: Value; format: ValueFormat } {
  const p = parseValueText(text);
  if ('error' in p) assert.fail(p.error);
  return p;
}

// The seed's facts, as a fact file would state them.
const FACTS = ['about $21 billion', 'December 2032', 'February 17, 2026', 'February 24, 2026', 'March 31, 2026',
  '$8.5 billion', 'nine months', 'first'].map(source);

test('every value in the "other spellings" example agrees with a seed fact', () => {
  const found = lines('p3-formats.md').flatMap((line) => extractMentions(line));
  assert.equal(found.length, 9);
  for (const m of found) {
    assert.ok(FACTS.some((f) => agrees(m.value, f.value)), `${m.text} agrees with some fact`);
  }
});

const P1: [number, string, string, string][] = [
  // 1-based line, draft value, source value, fixed text
  [6, 'roughly $31 billion', 'about $21 billion', '$21 billion'],
  [7, 'December 2033', 'December 2032', 'December 2032'],
  [9, 'February 27, 2026', 'February 24, 2026', 'February 24, 2026'],
  [10, '$5.8 billion', '$8.5 billion', '$8.5 billion'],
  [11, 'twelve months', 'nine months', 'nine months'],
];
for (const [line, draftText, sourceText, fix] of P1) {
  test(`figures example line ${line}: ${draftText} disagrees with ${sourceText} and is fixed`, () => {
    const text = lines('p1-figures.md')[line - 1] ?? '';
    const m = extractMentions(text).find((x) => (x.qualifierText ? `${x.qualifierText} ${x.text}` : x.text) === draftText);
    assert.ok(m, `${draftText} found on line ${line}`);
    const s = source(sourceText);
    assert.equal(agrees(m.value, s.value), false);
    assert.equal(fixForMention(s.value, s.format, m).newText, fix);
  });
}

test('the unrelated example yields no money that agrees with the deal value', () => {
  const deal = source('about $21 billion').value;
  const found = lines('p4-unrelated.md').flatMap((line) => extractMentions(line));
  assert.ok(!found.some((m) => agrees(m.value, deal)));
  assert.ok(!found.some((m) => /MB|%|F12|3\.2/.test(m.text)));
});
