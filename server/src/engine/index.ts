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
