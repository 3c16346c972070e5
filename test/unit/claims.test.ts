/**
 * Claim frames: what each value is read to measure, which facts a frame rules out, the draft-wide
 * context (repeats, "the deal", corrections), and `sourcecheck explain`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDocument, explainLine } from '../../server/src/engine';
import { readFrames, type ClaimFrame } from '../../server/src/engine/claims/frame';
import { tokenize } from '../../server/src/engine/text/tokens';
import { extractMentions } from '../../server/src/engine/values';
import { seedBase } from '../helpers/seed';
import { runCli } from '../helpers/cli';

/** The frame of the value written `value` in `sentence`. */
function frameOf(sentence: string, value: string): ClaimFrame {
  const mentions = extractMentions(sentence);
  const index = mentions.findIndex((m) => m.text === value);
  assert.ok(index >= 0, `no value "${value}" in: ${mentions.map((m) => m.text).join(', ')}`);
  return readFrames(sentence, tokenize(sentence), mentions)[index] as ClaimFrame;
}

/** `line code found->expected` for every scored finding against the seed facts. */
function flagged(markdown: string): string[] {
  return checkDocument(markdown, seedBase())
    .findings.filter((f) => f.code !== 'unsupported')
    .map((f) => `${f.range.start.line + 1} ${f.code}${f.code === 'mismatch' ? ` ${f.found}->${f.expected}` : ''}`);
}

test('the measured thing: the noun after the value, in parentheses after a noun, or the nearest before it', () => {
  assert.equal(frameOf('CoreWeave is raising $3 billion of new debt.', '$3 billion').thing, 'debt');
  assert.equal(frameOf('It closed an $8.5 billion facility.', '$8.5 billion').thing, 'financing');
  assert.equal(frameOf('The September 2025 agreement ($14.2 billion) still runs.', '$14.2 billion').thing, 'deal');
  assert.equal(frameOf('The backlog stood at $55.6 billion at the end of 2025.', 'end of 2025').thing, 'backlog');
  assert.equal(frameOf('Meta has agreed to pay CoreWeave $2.4 billion.', '$2.4 billion').thing, undefined, '"pay" is a verb here');
});

test('instances: new versus earlier, a dated one, the term of a comparison', () => {
  assert.equal(frameOf('That sits on top of an existing $14.2 billion contract.', '$14.2 billion').instance, 'earlier');
  assert.equal(frameOf('Meta added another $21 billion of capacity.', '$21 billion').instance, 'current');
  assert.equal(frameOf('Together with the September 2025 agreement ($14.2 billion), the total rose.', '$14.2 billion').instance, 'dated');
  assert.equal(frameOf('Meta first signed with CoreWeave in 2025: a contract worth $14.2 billion.', '$14.2 billion').instance, 'earlier');
  assert.equal(frameOf('It paid $41 a share, far more than the $1.1 billion it paid for Orrin Bio.', '$1.1 billion').instance, 'compared');
});

test('totals, rates and parts are told apart from the value of one thing', () => {
  assert.equal(frameOf("It takes CoreWeave's commitments from Meta to $35 billion in all.", '$35 billion').aggregate, 'total');
  assert.equal(frameOf('Combined, the two contracts are worth about $35 billion.', '$35 billion').aggregate, 'total');
  const rate = frameOf('The deal is worth about $3 billion a year.', '$3 billion');
  assert.deepEqual([rate.aggregate, rate.per], ['rate', 'year']);
  assert.equal(frameOf('Calder is paying $41 a share.', '$41').per, 'share');
  assert.equal(frameOf('CoreWeave has drawn $2 billion of the facility.', '$2 billion').aggregate, 'part');
});

test('ranges and roles: a span has a start and an end; "between" is one range', () => {
  const start = frameOf('The deal runs from 2027 through 2032.', '2027');
  const end = frameOf('The deal runs from 2027 through 2032.', '2032');
  assert.deepEqual([start.role, end.role], ['start', 'end']);
  assert.equal(frameOf('The new contract starts in 2027.', '2027').role, 'start');
  assert.equal(frameOf('The contract that ends in 2031 is older.', '2031').role, 'end');
  assert.equal(frameOf('It raised $40 million from Birch Capital on May 3, 2024.', 'May 3, 2024').role, 'point');
  assert.equal(frameOf('Meta will spend between $115 billion and $135 billion.', '$115 billion').role, 'within');
});

test('denials, figures of speech and relative durations are not claims', () => {
  assert.equal(frameOf('The deal is not worth $12 billion.', '$12 billion').negated, true);
  assert.equal(frameOf('Five years ago, few had heard of it.', 'Five years').negated, true);
  assert.ok(frameOf('Muse Spark will be among the first to run on it.', 'first').loose);
  assert.ok(frameOf("Kestrel's first satellite went up in 2021.", 'first').loose);
  assert.equal(frameOf('Aurora will be the fifth satellite in orbit.', 'fifth').loose, undefined);
});

test('the traps of real articles stay silent and the real errors beside them are caught', () => {
  const draft = [
    'Meta added another $21 billion of CoreWeave capacity, running from 2027 through 2032. (investors.coreweave.com)',
    'That sits on top of an existing $14.2 billion contract that ends in 2031, which takes the total to $35 billion in all.',
    'CoreWeave is also raising $3 billion of new debt, on top of the $8.5 billion facility it closed on March 31, 2026. (investors.coreweave.com)',
    'One analyst put the expanded deal\'s yearly value at about $3 billion.',
    "Meta's expanded CoreWeave agreement is worth $12 billion, the same note said. (investors.coreweave.com)",
  ].join('\n');
  assert.deepEqual(flagged(draft), ['5 mismatch $12 billion->$21 billion']);
});

test('a wrong figure repeated later takes its verdict, points at the first, and needs no citation', () => {
  const draft = [
    'Meta has agreed to pay CoreWeave $2.4 billion for more cloud capacity through December 2032. (investors.coreweave.com)',
    '',
    'Zuckerberg is wagering $2.4 billion that speed matters.',
  ].join('\n');
  const findings = checkDocument(draft, seedBase()).findings.filter((f) => f.code !== 'unsupported');
  assert.deepEqual(findings.map((f) => `${f.range.start.line + 1} ${f.code}`), ['1 mismatch', '3 mismatch']);
  assert.equal(findings[1]?.related?.[0]?.range.start.line, 0, 'the repeat points at the first statement');
});

test('a wrong value the next words correct is reported, not stated', () => {
  assert.deepEqual(flagged('Some reports said $12 billion; CoreWeave said its Meta deal is worth about $21 billion. (investors.coreweave.com)'), []);
  // A wrong value stated after the right one is a new claim.
  assert.deepEqual(flagged("Meta's CoreWeave deal is worth $21 billion. (investors.coreweave.com) Meta's CoreWeave deal is worth $12 billion. (investors.coreweave.com)"), [
    '1 mismatch $12 billion->$21 billion',
  ]);
});

test('"the agreement" in a sentence naming no one is the deal the draft established', () => {
  const draft = "Meta's CoreWeave deal is worth about $21 billion. (investors.coreweave.com)\n\nThe agreement runs through December 2033. (investors.coreweave.com)\n";
  assert.deepEqual(flagged(draft), ['3 mismatch December 2033->December 2032']);
});

test('explainLine gives each value its frame and every fact considered, with the reason', () => {
  const draft = "That sits on top of an existing $14.2 billion contract that ends in 2031, which takes CoreWeave's commitments from Meta to $35 billion in all.\n";
  const [sentence] = explainLine(draft, seedBase(), 0);
  assert.ok(sentence);
  const value = sentence.values.find((v) => v.text === '$14.2 billion');
  assert.ok(value);
  assert.match(value.frame, /earlier instance \("existing"\)/);
  assert.deepEqual(value.candidates.map((c) => `${c.factId}: ${c.outcome}`), ['coreweave-deal-value: ruled out: an existing one, not the fact\'s']);
  assert.throws(() => explainLine(draft, seedBase(), 5), /past the end/);
});

test('sourcecheck explain FILE:LINE prints the frames; a bad target is a usage error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-explain-'));
  const file = path.join(dir, 'draft.md');
  writeFileSync(file, "# Deal\n\nMeta's expanded CoreWeave agreement is worth $12 billion. (investors.coreweave.com)\n");
  const run = await runCli(['explain', `${file}:3`]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /\$12 billion {2}\(3:46\)/);
  assert.match(run.stdout, /verdict {2}disagrees with coreweave-deal-value/);
  const json = await runCli(['explain', '--format', 'json', `${file}:3`]);
  const parsed = JSON.parse(json.stdout) as { sentences: Array<{ values: Array<{ text: string; verdict: string }> }> };
  assert.equal(parsed.sentences[0]?.values[0]?.text, '$12 billion');
  const usage = await runCli(['explain', file]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /give one FILE:LINE/);
  const past = await runCli(['explain', `${file}:99`]);
  assert.equal(past.code, 2);
  assert.match(past.stderr, /line 99 is past the end/);
});

test('a figure that equals a known fact of a named party is never an unsupported hint', () => {
  const findings = checkDocument("CoreWeave's $21 billion is roughly what Meta spends in a quarter. (investors.coreweave.com)\n", seedBase()).findings;
  assert.deepEqual(findings.filter((f) => f.code === 'unsupported' && f.found === '$21 billion'), []);
  const other = checkDocument('CoreWeave reported $5 billion of revenue. (investors.coreweave.com)\n', seedBase()).findings;
  assert.deepEqual(other.filter((f) => f.code === 'unsupported').map((f) => f.found), ['$5 billion'], 'another figure still gets its hint');
});
