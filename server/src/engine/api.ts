/**
 * The engine's public contract, shared by the language server and the CLI.
 */
import type { Fact, FactBase, FileDiagnostic, Finding, FindingCode, Range, Severity, Value, ValueFormat } from './types';

/** Per-code severities; `off` drops the code. */
export type SeverityOverrides = Partial<Record<FindingCode, Severity | 'off'>>;

/** How a missing citation is inserted: `auto` follows the document's own style. */
export type CitationStyle = 'auto' | 'parenthetical' | 'footnote' | 'link';

/** Options of one check. */
export interface CheckOptions {
  severities?: SeverityOverrides;
  citationStyle?: CitationStyle;
}

/** What a checked statement in the draft was found to be, for hovers. */
export type Verdict = 'agrees' | 'mismatch' | 'missing-citation' | 'wrong-citation';

/** A draft statement the engine matched to a fact, correct or not. */
export interface CheckedStatement {
  /** The value mention when there is one, else the sentence. */
  range: Range;
  /** The whole sentence the statement stands in. */
  sentence: Range;
  factId: string;
  verdict: Verdict;
  /** The draft's value text, when the fact has a value. */
  found?: string;
  /** The source's value text, when the fact has a value. */
  expected?: string;
  /** Sources the draft cites for this statement. */
  citedSources: string[];
  /** What the value was read to measure, in a few words ("measures deal · end of a span"), when anything was read. */
  frame?: string;
  /** Where the draft first stated this figure, when this is a repeat of it. */
  repeatOf?: Range;
}

/** A citation recognised in the draft, for document links. */
export interface CitationLink {
  range: Range;
  /** An http(s) URL. */
  target: string;
}

/** A concrete way of writing a citation, as the document's own citations (or the settings) have it. */
export type ResolvedCitationStyle = 'parenthetical-after' | 'parenthetical-before' | 'link' | 'footnote';

/** A footnote definition of the draft and the URLs (or domains, as `https://domain`) it names. */
export interface FootnoteDefinition {
  label: string;
  urls: string[];
}

/** The result of checking one document. */
export interface CheckResult {
  findings: Finding[];
  statements: CheckedStatement[];
  citations: CitationLink[];
  /** The style new citations take in this document (what citation fixes and completions insert). */
  citationStyle: ResolvedCitationStyle;
  /** The prose blocks (paragraphs, headings, table rows), in document order: where citations can go. */
  prose: Range[];
  /** The draft's footnote definitions, in document order. */
  footnotes: FootnoteDefinition[];
}

/** A fact file handed to the loader: its path (as the host names it) and its text. */
export interface FactFileInput {
  path: string;
  text: string;
}

/** What the loader needs from its host: the text of documents that quotes point at. */
export interface FactHost {
  /**
   * Resolves `reference` (as written in a fact file) relative to the fact file at `fromPath` and
   * returns the document's path and text, or an error message when it cannot be read.
   */
  readDocument(fromPath: string, reference: string): { path: string; text: string } | { error: string };
}

/** A parsed value, or why the text is not one. */
export type ParsedValue = { value: Value; format: ValueFormat } | { error: string };

/** The result of loading fact files: a base when nothing is fatally wrong, and every problem found. */
export interface FactBaseLoad {
  base?: FactBase;
  diagnostics: FileDiagnostic[];
}

/** Workspace configuration from `.sourcecheck.yaml`. */
export interface SourceCheckConfig {
  /** Extra fact files, as written (relative to the configuration file). */
  facts: string[];
  /** Source-note globs (relative to the configuration file). */
  sources: string[];
  /**
   * `.gitignore`-style patterns (relative to the configuration file) of Markdown files a directory
   * check skips.
   */
  ignore: string[];
  /** Whether the bundled seed facts apply. */
  defaultFacts: boolean;
  severities: SeverityOverrides;
  citationStyle: CitationStyle;
  /** Milliseconds one check of a draft may take before it is stopped and reported as not checked. */
  timeBudgetMs: number;
}

export type { Fact };
