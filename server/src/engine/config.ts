/**
 * Reads the workspace configuration file `.sourcecheck.yaml`.
 */
import { isMap, isScalar } from 'yaml';
import type { CitationStyle, SeverityOverrides, SourceCheckConfig } from './api';
import { Checker, describe } from './factbase/schema';
import type { Entry, MappingShape } from './factbase/schema';
import { readYaml } from './factbase/yamlSource';
import type { FileDiagnostic, FindingCode, Range, Severity } from './types';

/** The finding codes a `severity` entry may name. */
export const FINDING_CODES: readonly FindingCode[] = ['mismatch', 'missing-citation', 'wrong-citation', 'unsupported'];
/** The levels a `severity` entry may set; `off` drops the code. */
export const SEVERITY_LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];
/** The values of `citationStyle`. */
export const CITATION_STYLES: readonly CitationStyle[] = ['auto', 'parenthetical', 'footnote', 'link'];

/**
 * The default time budget of one check. A 1 MB draft (a book) takes about 2 s on a small laptop core;
 * the drafts that run past 5 s are hostile or machine-made, and the editor must not wait on them.
 */
export const DEFAULT_TIME_BUDGET_MS = 5000;
/** The largest time budget `.sourcecheck.yaml` and the settings accept (10 minutes). */
export const MAX_TIME_BUDGET_MS = 600_000;

/** The configuration when there is no file, or for each key the file gets wrong. Frozen: copy before changing. */
export const DEFAULT_CONFIG: SourceCheckConfig = deepFreeze({
  facts: [],
  sources: [],
  ignore: [],
  defaultFacts: true,
  severities: {},
  citationStyle: 'auto',
  timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
});

const CONFIG_SHAPE: MappingShape = {
  noun: 'the configuration',
  required: [],
  optional: ['facts', 'sources', 'ignore', 'defaultFacts', 'severity', 'citationStyle', 'timeBudgetMs'],
};

/**
 * Parses `.sourcecheck.yaml` at `path`. Every problem is a located diagnostic; a key with a problem
 * keeps its default while the other keys still apply (a bad `severity` entry drops only that entry).
 * An empty file, or a key with no value, means the defaults. The returned config is a fresh object;
 * `factRanges[i]` is where `config.facts[i]` is written, for problems reading that file.
 */
export function parseConfig(path: string, text: string): { config: SourceCheckConfig; diagnostics: FileDiagnostic[]; factRanges: Range[] } {
  const config = defaults();
  const factRanges: Range[] = [];
  const read = readYaml(path, text);
  const diagnostics = read.diagnostics;
  if (!read.file) return { config, diagnostics, factRanges };
  const root = read.file.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, diagnostics, factRanges };

  const checker = new Checker(read.file, diagnostics);
  const rootNode = read.file.resolve(root);
  if (!isMap(rootNode)) {
    checker.error(checker.headOf(rootNode), `the configuration must be a mapping of ${CONFIG_SHAPE.optional.join(', ')}; found ${describe(rootNode)}`);
    return { config, diagnostics, factRanges };
  }
  const entries = checker.mapping(rootNode, checker.rangeOf(rootNode), 'configuration', CONFIG_SHAPE);
  if (!entries) return { config, diagnostics, factRanges };

  for (const entry of entries.values()) {
    if (isEmpty(entry)) continue;
    switch (entry.name) {
      case 'facts':
      case 'sources':
      case 'ignore': {
        const before = diagnostics.length;
        const items = checker.stringList(entry, { nonBlank: true });
        if (items && diagnostics.length === before) {
          config[entry.name] = items.map((i) => i.value);
          if (entry.name === 'facts') factRanges.push(...items.map((i) => i.range));
        }
        break;
      }
      case 'defaultFacts': {
        const value = checker.boolean(entry);
        if (value) config.defaultFacts = value.value;
        break;
      }
      case 'citationStyle': {
        const value = checker.oneOf(entry, CITATION_STYLES);
        if (value) config.citationStyle = value.value;
        break;
      }
      case 'severity':
        config.severities = readSeverities(checker, entry);
        break;
      case 'timeBudgetMs': {
        const value = checker.positiveInteger(entry);
        if (value) config.timeBudgetMs = Math.min(MAX_TIME_BUDGET_MS, value.value);
        break;
      }
    }
  }
  return { config, diagnostics, factRanges };
}

function readSeverities(checker: Checker, entry: Entry): SeverityOverrides {
  const shape: MappingShape = { noun: 'severity', required: [], optional: FINDING_CODES };
  const entries = checker.mapping(entry.node, entry.range, 'severity', shape);
  const out: SeverityOverrides = {};
  for (const code of entries?.values() ?? []) {
    const level = checker.oneOf(code, SEVERITY_LEVELS);
    if (level) out[code.name as FindingCode] = level.value;
  }
  return out;
}

function isEmpty(entry: Entry): boolean {
  return entry.node === null || (isScalar(entry.node) && entry.node.value === null);
}

function defaults(): SourceCheckConfig {
  return {
    facts: [...DEFAULT_CONFIG.facts],
    sources: [...DEFAULT_CONFIG.sources],
    ignore: [...DEFAULT_CONFIG.ignore],
    defaultFacts: DEFAULT_CONFIG.defaultFacts,
    severities: { ...DEFAULT_CONFIG.severities },
    citationStyle: DEFAULT_CONFIG.citationStyle,
    timeBudgetMs: DEFAULT_CONFIG.timeBudgetMs,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
