/**
 * The pure Source Check engine: parse a Markdown draft, find the statements a fact base speaks to,
 * and report what disagrees or lacks a citation. No editor, LSP or file-system dependencies.
 */
export * from './types';
export * from './api';
export { checkDocument, resultOf } from './check';
export { analyzeDocument } from './analyze';
export { createIncrementalChecker, type IncrementalChecker, type IncrementalStats } from './incremental';
export { applyFixes, fixAllEdits } from './fixes/applyFixes';
export { LineIndex } from './text/lineIndex';
export { extractSourceFacts, withSourceFacts } from './sources';
export type { SourceExtraction, SourceNoteInput, SkippedStatement, DroppedFact, MergedFactBase } from './sources';
export { hostOf, hostMatches } from './citations';
export { footnoteLabelFor, footnoteDefinitionText } from './fixes/citationFix';
export { outlineFactFile, findEntry, entryAt, appendToFactFile } from './authoring/factFile';
export type { FactFileOutline, FactFileEntry, FactFileSection, FactFileAdditions } from './authoring/factFile';
export { draftFact, suggestFrame } from './authoring/newFact';
export type { NewFact, NewFactInput, SuggestedFrame } from './authoring/newFact';
export { expectedTextOf, shortQuote } from './checks/common';
export { explainLine, describeFrame } from './claims/explain';
export type { SentenceExplanation, ValueExplanation, CandidateExplanation } from './claims/explain';
