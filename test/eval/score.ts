/**
 * Scores labelled drafts per finding code: the shared examples (`../shared/examples/`, read where CI
 * has them, never copied) and the project's own corpus under `test/eval/corpus/`. A directory with a
 * `sources/` folder is a story of its own, checked against facts read from those notes alone; any other
 * is checked against the bundled seed facts. Labels are `{ line, code, expected?, arguable? }`; an
 * arguable label counts neither as found nor as missed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument, type FactBase, type Finding } from '../../server/src/engine';
import { loadWorkspace } from '../../server/src/node/workspace';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_EXAMPLES = path.resolve(REPO_ROOT, '..', 'shared', 'examples');
export const CORPUS = path.join(REPO_ROOT, 'test', 'eval', 'corpus');
/** Drafts written independently and kept out of tuning: scored only to measure, never to adjust. */
export const HELD_OUT = path.join(REPO_ROOT, 'test', 'eval', 'heldout');

/** The codes the labels speak to. */
export const SCORED_CODES = ['mismatch', 'missing-citation', 'wrong-citation'] as const;
export type ScoredCode = (typeof SCORED_CODES)[number];

interface Label {
  line: number;
  code: ScoredCode;
  expected?: string;
  arguable?: boolean;
}

/** One wrong or missed finding, to be listed. */
export interface Miss {
  file: string;
  line: number;
  code: ScoredCode;
  /** The finding's message (a false alarm) or the label's expected text (a miss). */
  detail: string;
}

/** Tallies for one code. */
export interface CodeScore {
  truePositives: number;
  falsePositives: Miss[];
  falseNegatives: Miss[];
}

/** The score of a set of drafts. */
export interface CorpusScore {
  drafts: number;
  byCode: Record<ScoredCode, CodeScore>;
}

/** A directory of labelled drafts and the fact base they are checked against. */
export interface DraftSet {
  dir: string;
  base: FactBase;
}

/** The draft sets: the shared examples and every corpus directory (or every held-out one). */
export function draftSets(seed: FactBase, root = CORPUS): DraftSet[] {
  const sets: DraftSet[] = [];
  if (!existsSync(root)) throw new Error(`no labelled drafts at ${path.relative(REPO_ROOT, root)}`);
  if (root === CORPUS && existsSync(SHARED_EXAMPLES)) sets.push({ dir: SHARED_EXAMPLES, base: seed });
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    if (!statSync(dir).isDirectory() || !readdirSync(dir).some((f) => f.endsWith('.expect.json'))) continue;
    const sources = path.join(dir, 'sources');
    if (!existsSync(sources)) {
      sets.push({ dir, base: seed });
      continue;
    }
    const workspace = loadWorkspace(undefined, { sources: ['sources/*.md'], sourcesBaseDir: dir, defaultFacts: false });
    if (!workspace.base) throw new Error(`${dir}: notes do not load: ${workspace.diagnostics.map((d) => d.message).join('; ')}`);
    sets.push({ dir, base: workspace.base });
  }
  return sets;
}

/** Scores every labelled draft of the sets. */
export function scoreSets(sets: DraftSet[]): CorpusScore {
  const byCode = Object.fromEntries(SCORED_CODES.map((c) => [c, { truePositives: 0, falsePositives: [], falseNegatives: [] }])) as unknown as Record<
    ScoredCode,
    CodeScore
  >;
  let drafts = 0;
  for (const set of sets) {
    for (const file of readdirSync(set.dir).filter((f) => f.endsWith('.md')).sort()) {
      const labelsFile = path.join(set.dir, file.replace(/\.md$/, '.expect.json'));
      if (!existsSync(labelsFile)) continue;
      drafts++;
      const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[];
      const findings = checkDocument(readFileSync(path.join(set.dir, file), 'utf8'), set.base).findings.filter((f) =>
        (SCORED_CODES as readonly string[]).includes(f.code),
      );
      scoreDraft(path.relative(REPO_ROOT, path.join(set.dir, file)), labels, findings, byCode);
    }
  }
  return { drafts, byCode };
}

function scoreDraft(file: string, labels: Label[], findings: Finding[], byCode: Record<ScoredCode, CodeScore>): void {
  const used = new Set<Finding>();
  for (const label of labels) {
    const found = findings.find((f) => !used.has(f) && f.code === label.code && f.range.start.line + 1 === label.line && expectedFits(f, label));
    if (found) used.add(found);
    if (label.arguable) continue;
    if (found) byCode[label.code].truePositives++;
    else byCode[label.code].falseNegatives.push({ file, line: label.line, code: label.code, detail: label.expected ?? '' });
  }
  for (const finding of findings) {
    if (used.has(finding)) continue;
    // A sentence gets one citation finding, so a second one on a labelled line is not a separate false
    // alarm; a second mismatch is (it names another value).
    const line = finding.range.start.line + 1;
    if (finding.code !== 'mismatch' && labels.some((l) => l.line === line && l.code === finding.code)) continue;
    // Nothing on an honestly arguable line counts against the tool.
    if (labels.some((l) => l.line === line && l.arguable)) continue;
    byCode[finding.code as ScoredCode].falsePositives.push({ file, line, code: finding.code as ScoredCode, detail: finding.message });
  }
}

function expectedFits(finding: Finding, label: Label): boolean {
  if (label.code !== 'mismatch' || !label.expected) return true;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, ' ').trim();
  const want = norm(label.expected);
  const got = norm(finding.expected ?? '');
  // A label may quote more of the source than its value ("4 million a year" for a £4 million rate).
  return got.includes(want) || norm(finding.message).includes(want) || (got !== '' && ` ${want} `.includes(` ${got} `));
}

/** Precision and recall of one code (1 when there is nothing to divide). */
export function ratios(score: CodeScore): { precision: number; recall: number } {
  const tp = score.truePositives;
  const fp = score.falsePositives.length;
  const fn = score.falseNegatives.length;
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}
