import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACTS_PATH, load, span, variant } from './factbase-helpers';

function warningsOf(text: string) {
  const { base, diagnostics } = load({ [FACTS_PATH]: text });
  assert.ok(base, `warnings must not withhold the base: ${JSON.stringify(diagnostics)}`);
  assert.ok(diagnostics.every((d) => d.severity === 'warning'));
  return { base, warnings: diagnostics };
}

test('a cue that is also a party name is a warning at the cue; the base still loads', () => {
  const text = variant('    cues: [rebuilt, stack]', '    cues: [rebuilt, stack, meta platforms]');
  const { base, warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /cues: 'meta platforms' is a name of party 'meta'/);
  assert.deepEqual(warnings[0]?.range, span(text, 'meta platforms'));
  assert.deepEqual(base.factsById.get('msl-rebuild-duration')?.cues, ['rebuilt', 'stack', 'meta platforms']);
});

test('an empty example is a warning and is dropped', () => {
  const text = variant("      fail: [Meta's CoreWeave deal is worth $12 billion.]", "      fail: [Meta's CoreWeave deal is worth $12 billion., '  ']");
  const { base, warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /examples.fail: an empty example is ignored/);
  assert.deepEqual(warnings[0]?.range, span(text, "'  '"));
  assert.deepEqual(base.factsById.get('coreweave-deal-value')?.examples.fail, ["Meta's CoreWeave deal is worth $12 billion."]);
});

test('minCues above the number of cues is a warning at minCues', () => {
  const text = variant('    cues: [rebuilt, stack]\n', '    cues: [rebuilt, stack]\n    minCues: 3\n');
  const { base, warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /minCues is 3 but the fact has 2 distinct cues, so it can never match/);
  assert.deepEqual(warnings[0]?.range, span(text, 'minCues: 3', '3'));
  assert.equal(base.factsById.get('msl-rebuild-duration')?.minCues, 3);
});

test('a fact without a value and a single cue is warned about the default of two cues', () => {
  const text = variant('    cues: [rebuilt, stack]', '    cues: [rebuilt]');
  const { warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /needs 2 cues by default but this one has 1/);
  assert.deepEqual(warnings[0]?.range, span(text, '[rebuilt]'));
});

test('a cue listed twice (in any case) is a warning and kept once', () => {
  const text = variant('    cues: [rebuilt, stack]', '    cues: [rebuilt, stack, Stack]');
  const { base, warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /'stack' is listed twice/);
  assert.deepEqual(warnings[0]?.range, span(text, 'Stack'));
  assert.deepEqual(base.factsById.get('msl-rebuild-duration')?.cues, ['rebuilt', 'stack']);
});

test('two parties sharing a name is a warning at the second party', () => {
  const text = variant('    names: [Meta, Meta Platforms]', '    names: [Meta, CoreWeave]');
  const { warnings } = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /party 'meta' shares the name 'CoreWeave' with party 'coreweave'/);
  assert.deepEqual(warnings[0]?.range, span(text, 'id: meta', 'meta'));
});

test('untrusted text stays plain text: tags, template syntax and markup are not evaluated', () => {
  const statement = '!!js/function "function () { return process.exit(1) }"';
  const text = variant(
    "    statement: Meta Superintelligence Labs rebuilt Meta's AI stack over nine months.",
    `    statement: ${statement}`,
  ).replace('    names: [CoreWeave]', '    names: ["${process.exit(1)}", "<script>alert(1)</script>"]');
  const { base, warnings } = warningsOf(text);
  // yaml does not know the tag: it keeps the string and warns at the tag.
  assert.ok(warnings.some((w) => /tag/i.test(w.message)));
  assert.equal(base.factsById.get('msl-rebuild-duration')?.statement, 'function () { return process.exit(1) }');
  assert.deepEqual(base.parties.get('coreweave')?.names, ['${process.exit(1)}', '<script>alert(1)</script>']);
});
