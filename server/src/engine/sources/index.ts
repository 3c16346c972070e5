/**
 * Bring-your-own sources: facts extracted from cited source notes, and their union with a curated
 * fact base.
 */
export { extractSourceFacts, type SourceExtraction, type SourceNoteInput, type SkippedStatement } from './extract';
export { withSourceFacts, type DroppedFact, type MergedFactBase } from './merge';
