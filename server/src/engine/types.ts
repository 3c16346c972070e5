/**
 * Shared types of the pure checking engine. Nothing here may depend on an editor, the LSP library or
 * Node's I/O: the language server and the CLI adapt these types to their own worlds.
 */

/** A zero-based position with a UTF-16 column, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A range of {@link Position}s, end exclusive, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A half-open range of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

/** A replacement of the text at `range` by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** The kinds of typed values the engine reads from prose. */
export type ValueKind = 'money' | 'date' | 'duration' | 'ordinal';

/**
 * How a stated value bounds the truth: `exact` ("$8.5 billion"), `approx` ("about $21 billion",
 * "roughly", "nearly", "almost"), or a one-sided bound ("more than $20 billion" is `gt`).
 */
export type Bound = 'exact' | 'approx' | 'gt' | 'gte' | 'lt' | 'lte';

/** A closed numeric interval; `-Infinity`/`Infinity` for open ends. */
export interface Interval {
  lo: number;
  hi: number;
}

/** How a writer spelled an amount of money, so a fix can answer in the same style. */
export interface MoneyFormat {
  /** Text before the number: `$`, `US$`, `USD `, or empty ("21 billion dollars"). */
  prefix: string;
  /** `digits` ("21", "8.5"), `grouped` ("21,000,000,000"), `words` ("twenty-one"). */
  numberStyle: 'digits' | 'grouped' | 'words';
  /** The scale word as written (`billion`, `bn`, `B`, `b`, `million`, `m`, `M`, `trillion`, `tn`, ...), or empty. */
  scaleWord: string;
  /** The multiplier of {@link scaleWord}: 1e9 for billion; 1 when there is none. */
  scaleFactor: number;
  /** Whether a space separates the number from the scale word ("21 billion" vs "21bn"). */
  spaceBeforeScale: boolean;
  /** Text after the number and scale: ` dollars`, ` USD`, or empty. */
  suffix: string;
}

/** An amount of money. */
export interface MoneyValue {
  kind: 'money';
  /** ISO 4217 code; `USD` for `$`. */
  currency: string;
  /** The amount in whole currency units (21e9 for "$21 billion"). */
  amount: number;
  /** The unit of the last significant digit as written, in currency units (1e9 for "$21 billion", 1e8 for "$8.5bn"). */
  precision: number;
  bound: Bound;
  /** The qualifier as written, lowercased ("about", "nearly", "more than", "~"); "almost"/"nearly" bound the truth from above. */
  qualifier?: string;
}

/** A calendar date at the granularity the writer stated. */
export interface DateValue {
  kind: 'date';
  /** Absent for "Feb. 17" (the year is taken from the fact it is compared with). */
  year?: number;
  /** 1-12; absent at year granularity. */
  month?: number;
  /** 1-31; absent at year or month granularity. */
  day?: number;
  granularity: 'year' | 'month' | 'day';
  /** "end of 2032", "early 2026", "mid-2026": the part of the period meant. */
  part?: 'start' | 'middle' | 'end';
  bound: Bound;
  /** The qualifier as written, lowercased ("before", "around"). */
  qualifier?: string;
}

/** How a writer spelled a date. */
export interface DateFormat {
  /**
   * `mdy` "February 17, 2026"; `dmy` "17 February 2026"; `iso` "2026-02-17"; `my` "December 2032";
   * `y` "2032"; `md` "Feb. 17"; `dm` "17 Feb."; `iso-month` "2032-12"; `part-y` "end of 2032".
   */
  style: 'mdy' | 'dmy' | 'iso' | 'my' | 'y' | 'md' | 'dm' | 'iso-month' | 'part-y';
  /** `long` "February", `short` "Feb", `shortDot` "Feb.". */
  monthStyle: 'long' | 'short' | 'shortDot';
  /** The text before the year for `part-y` ("end of ", "late "); empty otherwise. */
  partText: string;
}

/** A span of time. */
export interface DurationValue {
  kind: 'duration';
  amount: number;
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade';
  bound: Bound;
  /** The unit of the last significant digit, in `unit`s (1 for "nine months"; 1/12 for "a year"); derived from `amount` when absent. */
  precision?: number;
  /** The qualifier as written, lowercased ("almost", "more than"); "almost"/"nearly" bound the truth from above. */
  qualifier?: string;
}

/** How a writer spelled a duration. */
export interface DurationFormat {
  numberStyle: 'digits' | 'words';
  /** The unit word as written, singular or plural ("months", "month", "yrs"). */
  unitText: string;
  /** Hyphenated adjective form ("nine-month"). */
  hyphenated: boolean;
}

/** An ordinal such as "first" or "3rd". */
export interface OrdinalValue {
  kind: 'ordinal';
  n: number;
  bound: Bound;
}

/** How a writer spelled an ordinal. */
export interface OrdinalFormat {
  numberStyle: 'digits' | 'words';
}

/** Any typed value. */
export type Value = MoneyValue | DateValue | DurationValue | OrdinalValue;

/** The writer's spelling of a value, by kind. */
export type ValueFormat =
  | ({ kind: 'money' } & MoneyFormat)
  | ({ kind: 'date' } & DateFormat)
  | ({ kind: 'duration' } & DurationFormat)
  | ({ kind: 'ordinal' } & OrdinalFormat);

/**
 * A value found in prose, with where it stands. Offsets are into the string the extractor was given.
 * `span` covers the value itself ("$31 billion"); `qualifierSpan` covers a preceding qualifier such as
 * "roughly" or "more than" when there is one, so a fix can replace both when the bound itself is wrong.
 */
export interface Mention {
  value: Value;
  format: ValueFormat;
  span: Span;
  text: string;
  qualifierSpan?: Span;
  qualifierText?: string;
}

/** A party the fact base knows (a company, a product, a group). */
export interface Party {
  id: string;
  /** Display name: the first of {@link names}. */
  name: string;
  /** Spellings matched as whole words, case-sensitively ("Meta", "Meta Platforms"). */
  names: string[];
  /** Parties this one belongs to: naming Meta Superintelligence Labs also names Meta. */
  partOf: string[];
}

/** A source that facts cite, such as `investors.coreweave.com`. */
export interface Source {
  /** The citation as the source article writes it, usually a domain. */
  id: string;
  /** Human name ("CoreWeave investor relations"). */
  name: string;
  /** An http(s) link to the source. */
  url: string;
  /** Host names that count as citing this source (the id, the url's host, aliases); lowercase, no `www.`. */
  domains: string[];
}

/** A document that facts quote, such as the seed article. */
export interface SourceDocument {
  id: string;
  /** Path as the host knows it (absolute for the CLI, a URI string for the server). */
  path: string;
  text: string;
}

/** Where a quote stands in its source document. */
export interface QuoteLocation {
  text: string;
  documentId: string;
  documentPath: string;
  range: Range;
}

/** A checkable statement from a source. */
export interface Fact {
  id: string;
  /** One sentence saying what the source says. */
  statement: string;
  /**
   * Party ids that a draft sentence (or its paragraph context) must name for the fact to apply. For an
   * {@link extracted} fact they are alternatives: the parties near its value, any one of which will do.
   */
  parties: string[];
  /** Party ids that strengthen a match but are not required. */
  alsoAbout: string[];
  /** Lowercase words and phrases that signal the fact. */
  cues: string[];
  /** How many distinct cues a sentence needs to match this fact (default 1 with a value, 2 without). */
  minCues: number;
  /** The typed value, or absent for a claim without a value (it still needs a citation). */
  value?: Value;
  /** The value as the source states it ("about $21 billion"). */
  valueText?: string;
  /** Explicit tolerance around the value, in the value's own units (money: currency units; date: days). */
  tolerance?: number;
  /** Source ids that back the fact, the primary one first. */
  sources: string[];
  quote: QuoteLocation;
  examples: { pass: string[]; fail: string[] };
  /** Where the fact is defined. */
  origin: { file: string; range: Range };
  /** Set on a fact read from a source note rather than a curated fact file. */
  extracted?: ExtractedFactInfo;
  /** What the fact file declares about the quantity the value measures; the rest is read from the statement. */
  frame?: FactFrame;
}

/** What a curated fact declares about the quantity its value measures. */
export interface FactFrame {
  /** The measured thing ("deal", "facility"); a synonym class name or the word itself. */
  measures?: string;
  /** Which instance of the thing: the current one or an earlier one. */
  instance?: 'current' | 'earlier';
  /** For a date: the start or end of a span, or a single point. */
  role?: 'point' | 'start' | 'end';
}

/** What extraction recorded about a fact it read from a source note. */
export interface ExtractedFactInfo {
  /** Content-word stems of the statement, weighted by how near each stands to the value (1 nearest). */
  terms: Record<string, number>;
}

/** The facts, parties, sources and documents a check uses. Build it with `loadFactBase`. */
export interface FactBase {
  facts: Fact[];
  factsById: Map<string, Fact>;
  parties: Map<string, Party>;
  sources: Map<string, Source>;
  documents: Map<string, SourceDocument>;
}

/** The finding codes; see the README for each. */
export type FindingCode = 'mismatch' | 'missing-citation' | 'wrong-citation' | 'unsupported';

/** Severity of a finding; `off` drops it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A suggested change that resolves a finding. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

/** A problem found in a draft. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  range: Range;
  factId?: string;
  found?: string;
  expected?: string;
  sources: string[];
  quote?: QuoteLocation;
  fixes: Fix[];
  /** Other places in the draft that bear on the finding (where a repeated figure was first stated). */
  related?: Array<{ range: Range; message: string }>;
}

/** A problem in a fact file or configuration file, at an exact position. */
export interface FileDiagnostic {
  file: string;
  range: Range;
  severity: 'error' | 'warning';
  message: string;
}
