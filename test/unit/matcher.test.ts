/**
 * The one matcher: candidate sources propose facts for a sentence's values with their evidence, and a
 * single decision path takes or rules them out, whichever source proposed them. The stub sources
 * here stand for the cue index (curated facts) and the term index (facts read from source notes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, explainLine } from '../../server/src/engine';
import { readFrames } from '../../server/src/engine/claims/frame';
import { tokenize } from '../../server/src/engine/text/tokens';
import { matchSentence, type Candidate, type CandidateSource, type SentenceEvidence, type SentenceFeatures } from '../../server/src/engine/match/matcher';
import { extractMentions } from '../../server/src/engine/values';
import { loadWorkspace } from '../../server/src/node/workspace';
import type { Fact, FactBase } from '../../server/src/engine/types';
import { seedBase } from '../helpers/seed';
import { REPO_ROOT } from '../helpers/cli';

/** A fact with a value, as little as the matcher reads. */
function fact(id: string, statement: string, value: string): Fact {
  const [mention] = extractMentions(value);
  assert.ok(mention, `no value in "${value}"`);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: statement.length } };
  return {
    id,
    statement,
    parties: ['acme'],
    alsoAbout: [],
    cues: [],
    minCues: 0,
    value: mention.value,
    valueText: value,
    sources: [],
    quote: { documentId: id, documentPath: `${id}.md`, text: statement, range },
    examples: { pass: [], fail: [] },
    origin: { file: `${id}.yaml`, range },
  } as Fact;
}

/** The features of a sentence that names party "acme" with its first word. */
function features(sentence: string, trace = false): SentenceFeatures {
  const tokens = tokenize(sentence);
  const mentions = extractMentions(sentence);
  return {
    tokens,
    parties: [{ partyId: 'acme', token: 0, length: 1 }],
    mentions,
    frames: readFrames(sentence, tokens, mentions),
    ...(trace ? { trace: [] } : {}),
  };
}

const candidate = (f: Fact, score: number, partyDistance: number, backed = false): Candidate => ({ fact: f, score, partyDistance, backed });

/** A source that proposes `ranked` for every value, `restated` on a contradiction, and records the values it was asked about. */
function stub(ranked: Candidate[], restated: Candidate[] = [], asked: number[] = []): CandidateSource {
  const evidence: SentenceEvidence = {
    candidates: (index) => {
      asked.push(index);
      return ranked.map((c) => ({ ...c }));
    },
    related: () => [],
    restated: () => restated,
    claims: () => [],
    equalsKnown: () => false,
  };
  return { read: () => evidence };
}

const verdicts = (sentence: string, sources: CandidateSource[]): string[] =>
  matchSentence(sources, { features: features(sentence), context: new Set(), covering: [] }).matches.map((m) => `${m.mention?.text} ${m.verdict} ${m.fact.id}`);

const deal = fact('deal', 'Acme signed a $21 billion deal.', '$21 billion');
const earlier = fact('earlier', 'Acme signed a $12 billion deal.', '$12 billion');
const other = fact('other', 'Acme holds a $12 billion stake.', '$12 billion');
const cited = fact('cited', 'Acme and Birch signed a $12 billion deal.', '$12 billion');

test('the best-scoring fact owns a value; the value agrees or contradicts it', () => {
  assert.deepEqual(verdicts('Acme signed a $12 billion deal.', [stub([candidate(deal, 3, 1)])]), ['$12 billion mismatch deal']);
  assert.deepEqual(verdicts('Acme signed a $21 billion deal.', [stub([candidate(deal, 3, 1)])]), ['$21 billion agrees deal']);
});

test('an agreeing fact no farther from its parties makes the value right; among several, a cited one', () => {
  const sentence = 'Acme signed a $12 billion deal.';
  assert.deepEqual(verdicts(sentence, [stub([candidate(deal, 3, 2), candidate(earlier, 1, 2)])]), ['$12 billion agrees earlier']);
  assert.deepEqual(verdicts(sentence, [stub([candidate(deal, 3, 2), candidate(earlier, 1, 2), candidate(cited, 0.5, 2, true)])]), ['$12 billion agrees cited']);
  // Farther from its parties than the best fact: the value is still the best fact's, and wrong.
  assert.deepEqual(verdicts(sentence, [stub([candidate(deal, 3, 1), candidate(earlier, 1, 6)])]), ['$12 billion mismatch deal']);
});

test('a value equal to a fact the sentence shows evidence for restates it rather than contradicting the best one', () => {
  assert.deepEqual(verdicts('Acme signed a $12 billion deal.', [stub([candidate(deal, 3, 1)], [candidate(earlier, 0, 12)])]), ['$12 billion agrees earlier']);
});

test('the same evidence gets the same verdict from either source', () => {
  const ranked = [candidate(deal, 3, 1), candidate(earlier, 1, 6)];
  const sentence = 'Acme signed a $12 billion deal.';
  const first = verdicts(sentence, [stub(ranked), stub([])]);
  const second = verdicts(sentence, [stub([]), stub(ranked)]);
  assert.deepEqual(first, ['$12 billion mismatch deal']);
  assert.deepEqual(second, first);
});

test('a value an earlier source owns is not offered to a later one; a value that lost its fact is', () => {
  const asked: number[] = [];
  const sentence = 'Acme signed a $21 billion deal and a $13 billion deal.';
  const found = verdicts(sentence, [stub([candidate(deal, 3, 1)]), stub([candidate(earlier, 1, 1)], [], asked)]);
  // "$13 billion" contradicts the deal "$21 billion" confirms, so the deal is not its; the next source's fact is.
  assert.deepEqual(found, ['$21 billion agrees deal', '$13 billion mismatch earlier']);
  assert.deepEqual(asked, [1]);
});

test('one value speaks for a fact: of two that contradict it the best-scoring one; the other is a hint', () => {
  const sentence = 'Acme signed a $12 billion deal, and a $30 billion one.';
  let calls = 0;
  // The first value stands nearer the fact's evidence, so it scores higher.
  const source: CandidateSource = {
    read: () => ({
      candidates: () => [candidate(deal, calls++ === 0 ? 3 : 1, 1)],
      related: () => [],
      restated: () => [],
      claims: () => [],
      equalsKnown: () => false,
    }),
  };
  const found = matchSentence([source], { features: features(sentence), context: new Set(), covering: [] });
  assert.deepEqual(found.matches.map((m) => `${m.mention?.text} ${m.verdict}`), ['$12 billion mismatch']);
  assert.deepEqual(found.unsupported.map((m) => m.text), ['$30 billion']);
});

test('the trace says for each value which facts were ruled out, outscored or taken, in one format for every source', () => {
  const sentence = 'Acme signed a $12 billion deal.';
  const f = features(sentence, true);
  matchSentence([stub([candidate(deal, 3, 1), candidate(earlier, 1, 6), candidate(other, 2, 1)])], { features: f, context: new Set(), covering: [] });
  assert.deepEqual(
    (f.trace ?? []).map((t) => `${t.fact.id}: ${t.outcome}${t.score === undefined ? '' : ` (${t.score})`}`),
    ['other: ruled out: measures deal, the fact stake', 'earlier: not taken: deal fits better (1)', 'deal: taken: disagrees (3)'],
  );
});

test('the trace says why a fact other than the best-scoring one was taken', () => {
  const traced = (ranked: Candidate[], restated: Candidate[] = []): string[] => {
    const f = features('Acme signed a $12 billion deal.', true);
    matchSentence([stub(ranked, restated)], { features: f, context: new Set(), covering: [] });
    return (f.trace ?? []).filter((t) => t.outcome.startsWith('taken')).map((t) => `${t.fact.id}: ${t.outcome}`);
  };
  assert.deepEqual(traced([candidate(deal, 3, 2), candidate(earlier, 1, 2)]), ['earlier: taken: agrees (the value is right for it, wrong for deal)']);
  assert.deepEqual(traced([candidate(deal, 3, 1)], [candidate(earlier, 0, 12)]), ['earlier: taken: agrees (the sentence restates it)']);
  assert.deepEqual(traced([candidate(deal, 3, 1)]), ['deal: taken: disagrees']);
});

/** The seed article read as the only source: its facts are extracted, not curated. */
function seedArticleBase(): FactBase {
  const workspace = loadWorkspace(undefined, { sources: ['seeds/meta-muse-spark-coreweave.txt'], sourcesBaseDir: REPO_ROOT, defaultFacts: false });
  assert.ok(workspace.base, workspace.diagnostics.map((d) => d.message).join('; '));
  return workspace.base;
}

test('a curated fact and the same fact read from the seed article get the same verdict and the same kind of explanation', () => {
  const draft = "Meta's expanded agreement with CoreWeave is worth $12 billion. (investors.coreweave.com)\n";
  for (const base of [seedBase(), seedArticleBase()]) {
    const mismatches = checkDocument(draft, base).findings.filter((f) => f.code === 'mismatch');
    assert.deepEqual(mismatches.map((f) => `${f.found}->${f.expected}`), ['$12 billion->$21 billion']);
    const [sentence] = explainLine(draft, base, 0);
    const taken = sentence?.values[0]?.candidates.find((c) => c.outcome.startsWith('taken'));
    assert.equal(taken?.outcome, 'taken: disagrees');
    assert.equal(typeof taken?.score, 'number', 'every source scores its candidates');
  }
});

test('a figure that equals a known fact of a named party is never an unsupported hint, whichever source the fact came from', () => {
  const draft = 'Meta added another $21 billion of CoreWeave capacity, running from 2027 through 2032. (investors.coreweave.com)\n';
  const other = 'CoreWeave reported $5 billion of revenue. (investors.coreweave.com)\n';
  for (const base of [seedBase(), seedArticleBase()]) {
    const hints = (text: string) => checkDocument(text, base).findings.filter((f) => f.code === 'unsupported').map((f) => f.found);
    assert.deepEqual(hints(draft), []);
    assert.deepEqual(hints(other), ['$5 billion'], 'another figure still gets its hint');
  }
});
