/**
 * Real text the fuzzers start from: the shared example drafts, the seed article and every example
 * sentence of the seed facts. Generated documents splice and perturb these so that most inputs reach
 * deep into the matcher and the fixes, not only the parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seedBase } from '../helpers/seed';

const ROOT = path.resolve(__dirname, '..', '..');

/** The shared example drafts, in name order. */
export function exampleDrafts(): string[] {
  const dir = path.join(ROOT, 'test', 'fixtures', 'examples');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

/** The seed article the bundled facts quote. */
export function seedArticle(): string {
  return readFileSync(path.join(ROOT, 'seeds', 'meta-muse-spark-coreweave.txt'), 'utf8');
}

/** The bundled seed fact file's text. */
export function seedFactsYaml(): string {
  return readFileSync(path.join(ROOT, 'seeds', 'facts.yaml'), 'utf8');
}

let sentences: string[] | undefined;

/**
 * Sentences that speak to the seed facts: each fact's statement, quote and pass/fail examples, the
 * seed article's sentences and the example drafts' lines.
 */
export function seedSentences(): string[] {
  if (sentences) return sentences;
  const out = new Set<string>();
  for (const fact of seedBase().facts) {
    out.add(fact.statement);
    out.add(fact.quote.text);
    for (const s of [...fact.examples.pass, ...fact.examples.fail]) out.add(s);
  }
  for (const s of seedArticle().split(/(?<=[.)])\s+(?=[A-Z(])/)) if (s.trim()) out.add(s.trim());
  for (const draft of exampleDrafts()) {
    for (const line of draft.split('\n')) if (/[A-Za-z]/.test(line)) out.add(line);
  }
  sentences = [...out];
  return sentences;
}
