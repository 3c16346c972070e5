/**
 * Extraction from source notes: which statements become facts, with which parties, values, sources,
 * quotes and locations; what is skipped and why; how curated facts replace extracted ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractSourceFacts, withSourceFacts, type SourceExtraction } from '../../server/src/engine/sources';
import { lexiconOf } from '../../server/src/engine/match/lexicon';
import { tokenize } from '../../server/src/engine/text/tokens';
import { LineIndex } from '../../server/src/engine/text/lineIndex';
import type { Fact } from '../../server/src/engine/types';
import { seedBase } from '../helpers/seed';
import { REPO_ROOT } from '../helpers/cli';

const SEED_PATH = path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt');
const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');

function extract(text: string, file = 'notes/story.md'): SourceExtraction {
  return extractSourceFacts([{ path: file, text }]);
}

function names(extraction: SourceExtraction, ids: string[]): string[] {
  return ids.map((id) => extraction.parties.get(id)?.name ?? `?${id}`);
}

function byValue(extraction: SourceExtraction, valueText: string): Fact {
  const fact = extraction.facts.find((f) => f.valueText === valueText);
  assert.ok(fact, `no fact with value ${valueText}; have ${extraction.facts.map((f) => f.valueText ?? 'claim').join(', ')}`);
  return fact;
}

test('each cited value becomes a fact with its typed value, text, sources and exact quote location', () => {
  const text = 'Intro line.\n\nAcme Robotics raised $40 million from Birch Capital on May 3, 2024. (techdaily.com)\n';
  const x = extract(text);
  assert.deepEqual(x.facts.map((f) => [f.value?.kind, f.valueText]), [['money', '$40 million'], ['date', 'May 3, 2024']]);
  const money = byValue(x, '$40 million');
  assert.deepEqual(money.sources, ['techdaily.com']);
  assert.deepEqual(x.sources.get('techdaily.com'), { id: 'techdaily.com', name: 'techdaily.com', url: 'https://techdaily.com/', domains: ['techdaily.com'] });
  const lines = new LineIndex(text);
  const quoteStart = lines.offsetAt(money.quote.range.start);
  const quoteEnd = lines.offsetAt(money.quote.range.end);
  assert.equal(text.slice(quoteStart, quoteEnd), money.quote.text);
  assert.equal(money.quote.text, 'Acme Robotics raised $40 million from Birch Capital on May 3, 2024.');
  assert.equal(text.slice(lines.offsetAt(money.origin.range.start), lines.offsetAt(money.origin.range.end)), '$40 million');
  assert.equal(money.id, 'story@3:22');
  assert.ok(money.extracted && money.extracted.terms['rais'] !== undefined, 'content words are kept as weighted stems');
});

test('an uncited statement yields no fact and is reported as skipped', () => {
  const x = extract('Acme Robotics raised $40 million in 2024.\n\nAcme Robotics hired Dana Lee as chief executive in June 2023. (techdaily.com)\n');
  assert.deepEqual(x.facts.map((f) => f.valueText), ['June 2023']);
  assert.equal(x.skipped.length, 1);
  assert.equal(x.skipped[0]!.range.start.line, 0);
  assert.match(x.skipped[0]!.reason, /\$40 million, 2024: no citation covers this statement/);
});

test('a trailing citation covers the uncited sentences before it in the paragraph', () => {
  const x = extract('Acme Robotics raised $40 million. Birch Capital led the round in May 2024. (techdaily.com)\n');
  assert.deepEqual(x.facts.map((f) => [f.valueText, f.sources.join()]), [['$40 million', 'techdaily.com'], ['May 2024', 'techdaily.com']]);
});

test('links and footnotes are citations too; the link keeps its URL', () => {
  const x = extract('Acme Robotics raised [$40 million](https://www.techdaily.com/acme-round) in 2024.\n\nBirch Capital paid $12 million for its stake.[^1]\n\n[^1]: https://birch.vc/news\n');
  assert.deepEqual(byValue(x, '$40 million').sources, ['techdaily.com']);
  assert.equal(x.sources.get('techdaily.com')?.url, 'https://www.techdaily.com/acme-round');
  assert.deepEqual(byValue(x, '$12 million').sources, ['birch.vc']);
});

test('names: capitalised runs and camel case are parties; a word that only opens sentences is not', () => {
  const x = extract(
    'Inference costs fell. Acme Robotics said its PayLoad arm shipped in May 2024, with Birch Capital and WhatsApp, Instagram as partners. (techdaily.com)\n',
  );
  const all = [...x.parties.values()].map((p) => p.name).sort();
  assert.deepEqual(all, ['Acme Robotics', 'Birch Capital', 'Instagram', 'PayLoad', 'WhatsApp']);
});

test('names: a sentence-initial word that also stands capitalised mid-sentence is a party', () => {
  const x = extract('Acme shipped in May 2024. (techdaily.com) Analysts said Acme sold out by June 2024. (techdaily.com)\n');
  assert.deepEqual([...x.parties.values()].map((p) => p.name), ['Acme']);
  assert.deepEqual(byValue(x, 'May 2024').parties, ['acme']);
});

test('names: titles are not part of a name, and a long name is also known by its initials', () => {
  const x = extract('Mayor Dana Ortiz said Advanced Micro Devices opened a plant on June 3, 2024. (city.gov)\n');
  assert.deepEqual([...x.parties.values()].map((p) => p.names), [['Advanced Micro Devices', 'AMD'], ['Dana Ortiz']]);
  const lexicon = lexiconOf({ facts: [], factsById: new Map(), parties: x.parties, sources: new Map(), documents: new Map() });
  assert.deepEqual(lexicon.findParties(tokenize("AMD's plant")).map((p) => p.partyId), ['advanced-micro-devices']);
});

test('a sentence with two values gives two facts, each about the party nearest its value', () => {
  const x = extractSourceFacts([{ path: SEED_PATH, text: SEED_TEXT }]);
  const nvidia = byValue(x, 'February 17, 2026');
  const amd = byValue(x, 'February 24, 2026');
  assert.deepEqual(names(x, nvidia.parties), ['NVIDIA']);
  assert.deepEqual(names(x, amd.parties), ['Advanced Micro Devices']);
  assert.ok((nvidia.extracted!.terms['partnership'] ?? 0) > (amd.extracted!.terms['partnership'] ?? 0), 'words weigh most for the value they stand next to');
  assert.ok((amd.extracted!.terms['agreement'] ?? 0) > (nvidia.extracted!.terms['agreement'] ?? 0));
});

test("the note's subject (named in most statements) is never the party that singles a fact out", () => {
  const x = extractSourceFacts([{ path: SEED_PATH, text: SEED_TEXT }]);
  for (const fact of x.facts.filter((f) => f.value !== undefined)) assert.ok(!fact.parties.includes('meta'), `${fact.id} requires Meta`);
  // "On March 31, 2026, the company said ..." names no party of its own; the cited site names CoreWeave.
  assert.deepEqual(names(x, byValue(x, 'March 31, 2026').parties), ['CoreWeave']);
});

test('statements giving the same value about the same party share their sources, the most-cited first', () => {
  const x = extractSourceFacts([{ path: SEED_PATH, text: SEED_TEXT }]);
  const values = x.facts.filter((f) => f.value?.kind === 'money' && f.valueText?.includes('$21 billion'));
  assert.equal(values.length, 3);
  for (const fact of values) assert.deepEqual(fact.sources, ['investors.coreweave.com', 'about.fb.com']);
  assert.deepEqual(byValue(x, 'nine months').sources, ['about.fb.com']);
});

test('a cited statement without a value that names a party is a claim; one naming nothing is skipped', () => {
  const x = extractSourceFacts([{ path: SEED_PATH, text: SEED_TEXT }]);
  const claim = x.facts.find((f) => f.quote.text === 'CoreWeave said the added capacity is for inference workloads.');
  assert.ok(claim);
  assert.equal(claim.value, undefined);
  assert.deepEqual(claim.parties, ['coreweave']);
  assert.deepEqual(claim.sources, ['investors.coreweave.com']);
  assert.ok(x.skipped.some((s) => s.text.startsWith('Inference is the part') && /no named party/.test(s.reason)));
});

test('known parties and sources of a curated base keep their ids', () => {
  const x = extractSourceFacts([{ path: 'notes/n.md', text: 'Meta Platforms signed with Nvidia in March 2025. (about.fb.com)\n' }], seedBase());
  const fact = byValue(x, 'March 2025');
  assert.deepEqual([...fact.parties].sort(), ['meta', 'nvidia'], 'both stand next to the value: either will do');
  assert.deepEqual(fact.sources, ['about.fb.com']);
  assert.equal(x.sources.size, 0, 'no new source for a known domain');
});

test('curated facts win: extracted facts quoting the same statement or agreeing with one are dropped', () => {
  const curated = seedBase();
  const x = extractSourceFacts([{ path: [...curated.documents.values()][0]!.path, text: SEED_TEXT }], curated);
  const merged = withSourceFacts(curated, x);
  const kept = merged.base.facts.filter((f) => f.extracted);
  const dropped = new Map(merged.dropped.map((d) => [d.fact.valueText ?? d.fact.quote.text, d.curatedId]));
  assert.equal(dropped.get('February 24, 2026'), 'meta-amd-agreement-date', 'the curated fact with the agreeing value, not its sentence neighbour');
  assert.equal(dropped.get('about $21 billion'), 'coreweave-deal-value', 'same value, party and words in another sentence');
  assert.ok(kept.some((f) => f.valueText === 'April 2026'), 'a value no curated fact speaks to stays');
  assert.equal(merged.base.facts.length, curated.facts.length + kept.length);
  assert.equal(curated.facts.some((f) => f.extracted), false, 'the curated base is not changed');
});

test('extracted facts are kept out of the curated cue index', () => {
  const x = extract('Acme Robotics raised $40 million in May 2024. (techdaily.com)\n');
  const empty = { facts: [], factsById: new Map(), parties: new Map(), sources: new Map(), documents: new Map() };
  const lexicon = lexiconOf(withSourceFacts(empty, x).base);
  assert.deepEqual(lexicon.findCues(tokenize('Acme Robotics raised money')), []);
  assert.deepEqual(lexicon.findParties(tokenize('Acme Robotics raised money')).map((p) => p.partyId), ['acme-robotics']);
});
