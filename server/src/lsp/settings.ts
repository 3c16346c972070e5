/**
 * The `sourcecheck.*` settings: one typed list that the server reads and that the client declares in
 * `package.json` (`contributes.configuration`), so the two cannot drift apart silently.
 */
import type { CitationStyle, SeverityOverrides } from '../engine/api';
import { CITATION_STYLES, FINDING_CODES, MAX_TIME_BUDGET_MS, SEVERITY_LEVELS } from '../engine/config';
import type { FindingCode, Severity } from '../engine/types';

/** The configuration section the server asks for through `workspace/configuration`. */
export const SETTINGS_SECTION = 'sourcecheck';

/** When drafts are checked. */
export type RunMode = 'onType' | 'onSave';

/** The settings as the server uses them, after validation. `undefined` means "as `.sourcecheck.yaml` says". */
export interface Settings {
  enable: boolean;
  /** Extra fact files, as written (relative paths resolve against the workspace folder). */
  facts: string[];
  /** Source-note globs whose cited statements become facts (relative to the workspace folder). */
  sources: string[];
  defaultFacts: boolean | undefined;
  severity: SeverityOverrides;
  citationStyle: CitationStyle | undefined;
  run: RunMode;
  debounceMs: number;
  /** Inlay hints (`✓ source`) after statements that agree with a source they cite. */
  verifiedMarks: boolean;
  /** Milliseconds one check may take; `undefined` means as `.sourcecheck.yaml` says. */
  timeBudgetMs: number | undefined;
}

/** One setting as `package.json` declares it (a JSON-schema fragment plus its description). */
export interface SettingDeclaration {
  type: string | string[];
  default: unknown;
  description: string;
  enum?: unknown[];
  items?: { type: string };
  minimum?: number;
  maximum?: number;
  additionalProperties?: unknown;
  properties?: Record<string, unknown>;
  scope?: 'resource' | 'window';
}

const SEVERITY_SCHEMA = { type: 'string', enum: [...SEVERITY_LEVELS] };

/**
 * Every `sourcecheck.*` setting, keyed by its full name. `null` defaults mean "not set here": the
 * value of `.sourcecheck.yaml` applies, and the built-in default when that file is silent too.
 */
export const SETTING_DECLARATIONS: Readonly<Record<`sourcecheck.${keyof Settings}`, SettingDeclaration>> = {
  'sourcecheck.enable': {
    type: 'boolean',
    default: true,
    description: 'Check Markdown drafts against the fact base.',
    scope: 'resource',
  },
  'sourcecheck.facts': {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Extra fact files (YAML), added to those `.sourcecheck.yaml` names. Relative paths resolve against the workspace folder.',
    scope: 'resource',
  },
  'sourcecheck.sources': {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Globs of your own cited source notes (Markdown or text), e.g. `["sources/**/*.md"]`, added to those `.sourcecheck.yaml` names. Each cited statement with a figure, date or duration becomes a fact. Relative to the workspace folder.',
    scope: 'resource',
  },
  'sourcecheck.defaultFacts': {
    type: ['boolean', 'null'],
    default: null,
    description: 'Whether the bundled seed facts apply. `null`: as `.sourcecheck.yaml` says (default: yes).',
    scope: 'resource',
  },
  'sourcecheck.severity': {
    type: 'object',
    default: {},
    properties: Object.fromEntries(FINDING_CODES.map((code) => [code, SEVERITY_SCHEMA])),
    additionalProperties: false,
    description: 'Severity per finding code (`mismatch`, `missing-citation`, `wrong-citation`, `unsupported`): error, warning, information, hint or off. Overrides `.sourcecheck.yaml` code by code.',
    scope: 'resource',
  },
  'sourcecheck.citationStyle': {
    type: ['string', 'null'],
    enum: [...CITATION_STYLES, null],
    default: null,
    description: 'How quick fixes insert a missing citation: auto (follow the document), parenthetical, footnote or link. `null`: as `.sourcecheck.yaml` says (default: auto).',
    scope: 'resource',
  },
  'sourcecheck.run': {
    type: 'string',
    enum: ['onType', 'onSave'],
    default: 'onType',
    description: 'Check while typing, or only when a draft is opened or saved.',
    scope: 'resource',
  },
  'sourcecheck.debounceMs': {
    type: 'number',
    minimum: 0,
    maximum: 10000,
    default: 250,
    description: 'Milliseconds to wait after the last keystroke before checking.',
    scope: 'resource',
  },
  'sourcecheck.verifiedMarks': {
    type: 'boolean',
    default: false,
    description: 'Show a mark such as `✓ investors.coreweave.com` after each statement that agrees with a source it cites (inlay hints).',
    scope: 'resource',
  },
  'sourcecheck.timeBudgetMs': {
    type: ['number', 'null'],
    minimum: 1,
    maximum: MAX_TIME_BUDGET_MS,
    default: null,
    description: 'Milliseconds one check of a draft may take; a check that runs longer is stopped and the draft shows one "not checked" notice. `null`: as `.sourcecheck.yaml` says (default: 5000).',
    scope: 'resource',
  },
};

/** The settings when the client sends none. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  facts: [],
  sources: [],
  defaultFacts: undefined,
  severity: {},
  citationStyle: undefined,
  run: 'onType',
  debounceMs: 250,
  verifiedMarks: false,
  timeBudgetMs: undefined,
});

/**
 * Validates the `sourcecheck` section a client returned. Anything malformed falls back to its default
 * (key by key) and is named in `problems`, so one bad value never disables the others.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, facts: [], sources: [], severity: {} };
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('the sourcecheck settings must be an object');
    return { settings, problems };
  }
  const value = raw as Record<string, unknown>;
  const bad = (key: string, expected: string): void => {
    problems.push(`sourcecheck.${key} must be ${expected}; using the default`);
  };

  if (value.enable !== undefined && value.enable !== null) {
    if (typeof value.enable === 'boolean') settings.enable = value.enable;
    else bad('enable', 'true or false');
  }
  if (value.facts !== undefined && value.facts !== null) {
    if (Array.isArray(value.facts) && value.facts.every((f) => typeof f === 'string')) {
      settings.facts = (value.facts as string[]).map((f) => f.trim()).filter((f) => f !== '');
    } else {
      bad('facts', 'a list of paths');
    }
  }
  if (value.sources !== undefined && value.sources !== null) {
    if (Array.isArray(value.sources) && value.sources.every((f) => typeof f === 'string')) {
      settings.sources = (value.sources as string[]).map((f) => f.trim()).filter((f) => f !== '');
    } else {
      bad('sources', 'a list of globs');
    }
  }
  if (value.defaultFacts !== undefined && value.defaultFacts !== null) {
    if (typeof value.defaultFacts === 'boolean') settings.defaultFacts = value.defaultFacts;
    else bad('defaultFacts', 'true, false or null');
  }
  if (value.severity !== undefined && value.severity !== null) {
    if (typeof value.severity === 'object' && !Array.isArray(value.severity)) {
      for (const [code, level] of Object.entries(value.severity as Record<string, unknown>)) {
        if (!FINDING_CODES.includes(code as FindingCode)) {
          problems.push(`sourcecheck.severity: unknown finding code "${code}" (expected one of ${FINDING_CODES.join(', ')})`);
        } else if (!SEVERITY_LEVELS.includes(level as Severity | 'off')) {
          problems.push(`sourcecheck.severity.${code} must be one of ${SEVERITY_LEVELS.join(', ')}`);
        } else {
          settings.severity[code as FindingCode] = level as Severity | 'off';
        }
      }
    } else {
      bad('severity', 'an object of finding code to level');
    }
  }
  if (value.citationStyle !== undefined && value.citationStyle !== null) {
    if (CITATION_STYLES.includes(value.citationStyle as CitationStyle)) settings.citationStyle = value.citationStyle as CitationStyle;
    else bad('citationStyle', `one of ${CITATION_STYLES.join(', ')}`);
  }
  if (value.run !== undefined && value.run !== null) {
    if (value.run === 'onType' || value.run === 'onSave') settings.run = value.run;
    else bad('run', 'onType or onSave');
  }
  if (value.debounceMs !== undefined && value.debounceMs !== null) {
    if (typeof value.debounceMs === 'number' && Number.isFinite(value.debounceMs) && value.debounceMs >= 0) {
      settings.debounceMs = Math.min(10000, Math.floor(value.debounceMs));
    } else {
      bad('debounceMs', 'a number of milliseconds ≥ 0');
    }
  }
  if (value.verifiedMarks !== undefined && value.verifiedMarks !== null) {
    if (typeof value.verifiedMarks === 'boolean') settings.verifiedMarks = value.verifiedMarks;
    else bad('verifiedMarks', 'true or false');
  }
  if (value.timeBudgetMs !== undefined && value.timeBudgetMs !== null) {
    if (typeof value.timeBudgetMs === 'number' && Number.isFinite(value.timeBudgetMs) && value.timeBudgetMs >= 1) {
      settings.timeBudgetMs = Math.min(MAX_TIME_BUDGET_MS, Math.floor(value.timeBudgetMs));
    } else {
      bad('timeBudgetMs', 'a number of milliseconds ≥ 1, or null');
    }
  }
  return { settings, problems };
}
