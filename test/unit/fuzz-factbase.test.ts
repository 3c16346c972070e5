/** Property tests of the fact loader and the configuration parser over mutated YAML. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FactHost } from '../../server/src/engine/api';
import { parseConfig } from '../../server/src/engine/config';
import { loadFactBase } from '../../server/src/engine/factbase/load';
import { parseValueText } from '../../server/src/engine/values';
import type { FileDiagnostic } from '../../server/src/engine/types';
import { mutated, mutatedFactYaml } from '../fuzz/arbitraries';
import { seedArticle, seedFactsYaml } from '../fuzz/corpus';
import { lineTable, rangeProblems } from '../fuzz/invariants';

const SEED = 20260419;
const FACTS = '/ws/facts.yaml';
const ARTICLE = seedArticle();

/** Serves the seed article for the reference the seed facts use; anything else is missing. */
const host: FactHost = {
  readDocument(_from, reference) {
    return reference === 'meta-muse-spark-coreweave.txt' ? { path: '/ws/meta-muse-spark-coreweave.txt', text: ARTICLE } : { error: `${reference} no such file` };
  },
};

function diagnosticProblems(files: Record<string, string>, diagnostics: FileDiagnostic[]): string[] {
  return diagnostics.flatMap((d, i) => {
    const text = files[d.file];
    if (text === undefined) return [`diagnostic ${i} names ${d.file}, which was not loaded: ${d.message}`];
    const problems = rangeProblems(text, lineTable(text), d.range, `diagnostic ${i} (${d.message})`);
    if (d.message.trim() === '') problems.push(`diagnostic ${i} has no message`);
    return problems;
  });
}

test('loadFactBase never throws on mutated fact files; every diagnostic is located inside its file', () => {
  fc.assert(
    fc.property(mutatedFactYaml(seedFactsYaml()), (text) => {
      const loaded = loadFactBase([{ path: FACTS, text }], host, { parseValue: parseValueText });
      const problems = diagnosticProblems({ [FACTS]: text }, loaded.diagnostics);
      if (problems.length > 0) throw new Error(problems.join('\n'));
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(loaded.base === undefined, errors.length > 0, 'a base exactly when there is no error');
    }),
    { seed: SEED, numRuns: 120 },
  );
});

test('parseConfig never throws on mutated configuration; every diagnostic is located inside the file', () => {
  const config = 'facts: [facts.yaml, more/facts.yaml]\nsources: ["notes/**/*.md"]\ndefaultFacts: false\nseverity:\n  mismatch: error\n  unsupported: off\ncitationStyle: footnote\n';
  fc.assert(
    fc.property(fc.oneof(mutatedFactYaml(config), mutated(fc.constant(config), 8)), (text) => {
      const parsed = parseConfig('/ws/.sourcecheck.yaml', text);
      const problems = diagnosticProblems({ '/ws/.sourcecheck.yaml': text }, parsed.diagnostics);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }),
    { seed: SEED + 1, numRuns: 400 },
  );
});
