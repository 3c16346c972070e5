/**
 * How drafts meet facts extracted from source notes: by shared words and parties, through an index;
 * whose value is whose; what context may supply; what must never be flagged; and how curated facts
 * take precedence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../server/src/engine/check';
import { extractSourceFacts, withSourceFacts } from '../../server/src/engine/sources';
import { sourceIndexOf } from '../../server/src/engine/match/terms';
import type { FactBase } from '../../server/src/engine/types';
import { seedBase } from '../helpers/seed';

const NOTE = [
  'Acme Robotics raised $40 million from Birch Capital on May 3, 2024. (techdaily.com)',
  'Zenith Motors reported revenue of $2.1 billion for 2023. (zenith.com)',
  '',
  'Acme Robotics said its warehouse arm took nine months to build. (acme.io)',
  'The arm ships to Harbor Freight stores in the third quarter, the company said.',
  '',
  'Acme Robotics opened its second factory in Ohio. (techdaily.com)',
  '',
].join('\n');

function base(note = NOTE, curated?: FactBase): FactBase {
  const known = curated ?? { facts: [], factsById: new Map(), parties: new Map(), sources: new Map(), documents: new Map() };
  return withSourceFacts(known, extractSourceFacts([{ path: 'notes/acme.md', text: note }], known)).base;
}

/** `line code found->expected` for every scored finding. */
function flagged(markdown: string, against: FactBase = base()): string[] {
  return checkDocument(markdown, against)
    .findings.filter((f) => f.code !== 'unsupported')
    .map((f) => `${f.range.start.line + 1} ${f.code}${f.code === 'mismatch' ? ` ${f.found}->${f.expected}` : ` ${f.expected ?? ''}`}`);
}

test('a wrong figure, date or duration is caught and the right one agrees', () => {
  assert.deepEqual(flagged('Acme Robotics raised $14 million from Birch Capital. (techdaily.com)'), ['1 mismatch $14 million->$40 million']);
  assert.deepEqual(flagged('Acme Robotics raised $40M from Birch Capital. (techdaily.com)'), []);
  assert.deepEqual(flagged('Acme Robotics raised the money from Birch Capital on May 13, 2024. (techdaily.com)'), ['1 mismatch May 13, 2024->May 3, 2024']);
  assert.deepEqual(flagged('Acme Robotics built its warehouse arm in six months. (acme.io)'), ['1 mismatch six months->nine months']);
  assert.deepEqual(flagged('Acme Robotics opened a third factory in Ohio. (techdaily.com)'), ['1 mismatch third->second']);
});

test("a value is read only against facts about the draft's parties", () => {
  // Same words, other company: Zenith's revenue is not Acme's round.
  assert.deepEqual(flagged('Zenith Motors raised $14 million. (techdaily.com)'), []);
  assert.deepEqual(flagged('Zenith Motors reported revenue of $1.2 billion for 2023. (zenith.com)'), ['1 mismatch $1.2 billion->$2.1 billion']);
  // A party-less sentence with a figure is left alone.
  assert.deepEqual(flagged('The startup raised $14 million. (techdaily.com)'), []);
});

test('a value with no words in common with any fact is not compared', () => {
  assert.deepEqual(flagged('Acme Robotics moved its offices in May 2025. (techdaily.com)'), []);
  const hints = checkDocument('Acme Robotics moved its offices for $3 million. (techdaily.com)', base()).findings;
  assert.deepEqual(hints.map((f) => [f.code, f.found]), [['unsupported', '$3 million']]);
});

test('the paragraph just named the party: context carries within a paragraph, not across one', () => {
  assert.deepEqual(flagged('Zenith Motors had a good year. (zenith.com) It reported revenue of $1.2 billion. (zenith.com)'), [
    '1 mismatch $1.2 billion->$2.1 billion',
  ]);
  assert.deepEqual(flagged('Zenith Motors had a good year. (zenith.com)\n\nIt reported revenue of $1.2 billion. (zenith.com)\n'), []);
});

test("the note's subject alone does not single out a fact about a named counterpart", () => {
  // Acme is named in most of the note; "$40 million" is singled out by Birch Capital, its counterpart.
  assert.deepEqual(flagged('Acme Robotics raised $14 million last year. (techdaily.com)'), []);
  assert.deepEqual(flagged('Acme Robotics raised $14 million from Birch Capital. (techdaily.com)'), ['1 mismatch $14 million->$40 million']);
});

test('two values of one sentence each go to their own fact', () => {
  assert.deepEqual(flagged('Acme Robotics raised $40 million from Birch Capital on May 3, 2024. (techdaily.com)'), []);
  assert.deepEqual(flagged('Acme Robotics raised $14 million from Birch Capital on May 30, 2024. (techdaily.com)'), [
    '1 mismatch $14 million->$40 million',
    '1 mismatch May 30, 2024->May 3, 2024',
  ]);
});

test("a sentence restating one value of a note's statement has its other values read against that statement", () => {
  // "May 3, 2024" stands nearest Birch Capital in the note, but the draft's $40 million places it.
  const single = base('Acme Robotics raised $40 million from Birch Capital on May 3, 2024. (techdaily.com)\n');
  assert.deepEqual(flagged('Acme Robotics raised $40 million on May 30, 2024. (techdaily.com)', single), ['1 mismatch May 30, 2024->May 3, 2024']);
  assert.deepEqual(flagged('Acme Robotics raised $40 million on May 3, 2024. (techdaily.com)', single), []);
  assert.deepEqual(flagged('Acme Robotics opened a plant on May 30, 2024. (techdaily.com)', single), [], 'without the $40 million nothing places the date');
});

test('citations: missing and wrong ones are found against the fact the sentence restates', () => {
  assert.deepEqual(flagged('Acme Robotics raised $40 million from Birch Capital.'), ['1 missing-citation techdaily.com']);
  assert.deepEqual(flagged('Acme Robotics raised $40 million from Birch Capital. (acme.io)'), ['1 wrong-citation techdaily.com']);
  assert.deepEqual(flagged('Acme Robotics raised $40 million from Birch Capital.[^1]\n\n[^1]: https://www.techdaily.com/acme\n'), []);
});

test('a close restatement of a cited claim needs its citation; a loose one is left alone', () => {
  assert.deepEqual(flagged('Acme Robotics opened its second factory in Ohio.'), ['1 missing-citation techdaily.com']);
  const claimNote = 'Acme Robotics moved its headquarters to Dayton after a long search. (techdaily.com)\n';
  assert.deepEqual(flagged('Acme Robotics moved its headquarters to Dayton after a long search.', base(claimNote)), ['1 missing-citation techdaily.com']);
  // acme.io is a source the notes cite (for another statement), so citing it here is wrong; a site the notes never cite is not.
  const twoSources = `${claimNote}Acme Robotics said its warehouse arm took nine months to build. (acme.io)\n`;
  assert.deepEqual(flagged('Acme Robotics moved its headquarters to Dayton after a long search. (acme.io)', base(twoSources)), ['1 wrong-citation techdaily.com']);
  assert.deepEqual(flagged('Acme Robotics moved its headquarters to Dayton after a long search. (example.org)', base(claimNote)), []);
  assert.deepEqual(flagged('Acme Robotics makes robots for warehouses in Ohio and Texas.', base(claimNote)), []);
});

test('uncited note statements back nothing', () => {
  assert.deepEqual(flagged('Acme Robotics ships the arm to Harbor Freight stores in the fourth quarter.'), []);
});

test('findings and hovers point at the note: fact id, quote and its range', () => {
  const result = checkDocument('Acme Robotics raised $14 million from Birch Capital. (techdaily.com)', base());
  const finding = result.findings[0];
  assert.ok(finding?.quote);
  assert.equal(finding.quote.text, 'Acme Robotics raised $40 million from Birch Capital on May 3, 2024.');
  assert.equal(finding.quote.documentPath, 'notes/acme.md');
  assert.deepEqual(finding.quote.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 67 } });
  assert.equal(finding.factId, 'acme@1:22');
  assert.deepEqual(
    result.statements.map((s) => [s.factId, s.verdict, s.found, s.expected]),
    [['acme@1:22', 'mismatch', '$14 million', '$40 million']],
  );
});

test('candidates come from the stem index: only facts sharing a word with the sentence', () => {
  const index = sourceIndexOf(base());
  assert.ok(index);
  assert.deepEqual([...index.candidates(['rais']).keys()].map((f) => f.valueText), ['$40 million', 'May 3, 2024']);
  assert.deepEqual([...index.candidates(['unrelat']).keys()], []);
  assert.equal(sourceIndexOf(seedBase()), undefined, 'a curated-only base has no source index');
});

test('curated facts go first: a value a curated fact owns is reported once, by the curated fact', () => {
  const note = 'Meta said its CoreWeave deal is worth about $21 billion and runs through December 2032. (investors.coreweave.com)\n';
  const both = base(note, seedBase());
  const findings = checkDocument('The CoreWeave contract is worth $12B. (investors.coreweave.com)', both).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.factId]), [['mismatch', 'coreweave-deal-value']]);
});
