/**
 * The workspace index: which statements of which Markdown drafts speak to which fact. "Check all
 * drafts in workspace" fills it, "Find all references" reads it (refreshing only the drafts that
 * changed since), and open drafts update it as they are checked. Its size is bounded: past
 * {@link MAX_INDEXED_STATEMENTS} statements, further drafts are not indexed (and say so).
 */
import type { Location } from 'vscode-languageserver/node';
import type { CheckedStatement, Verdict } from '../engine/api';
import type { Range } from '../engine/types';

/** Statements kept for the whole workspace at most (about 100 bytes each). */
export const MAX_INDEXED_STATEMENTS = 200_000;
/** Statements kept for one draft at most. */
export const MAX_STATEMENTS_PER_FILE = 5_000;

/** A statement as the index keeps it. */
export interface IndexedStatement {
  factId: string;
  verdict: Verdict;
  /** The sentence that speaks to the fact. */
  range: Range;
}

interface IndexedFile {
  /** What the statements were computed from (file time and size, fact base generation; or document version). */
  stamp: string;
  statements: IndexedStatement[];
}

/** The statements of the workspace's drafts, by URI. */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private total = 0;

  /** The stamp `uri` was indexed with, if it is indexed. */
  stampOf(uri: string): string | undefined {
    return this.files.get(uri)?.stamp;
  }

  /**
   * Records the statements of `uri` (replacing what was there). Returns false, and keeps nothing for
   * `uri`, when the index is full.
   */
  record(uri: string, stamp: string, statements: readonly CheckedStatement[]): boolean {
    this.forget(uri);
    const kept = statements.slice(0, MAX_STATEMENTS_PER_FILE).map((s) => ({ factId: s.factId, verdict: s.verdict, range: s.sentence }));
    if (this.total + kept.length > MAX_INDEXED_STATEMENTS) return false;
    this.files.set(uri, { stamp, statements: kept });
    this.total += kept.length;
    return true;
  }

  /** Drops `uri` (closed in the editor, deleted, or to be re-read). */
  forget(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    this.total -= previous.statements.length;
    this.files.delete(uri);
  }

  /** Drops every draft not in `uris` (deleted or moved away). */
  retain(uris: ReadonlySet<string>): void {
    for (const uri of [...this.files.keys()]) if (!uris.has(uri)) this.forget(uri);
  }

  /** Every sentence that speaks to one of `factIds`, by URI and then position; one location per sentence. */
  locationsOf(factIds: ReadonlySet<string>): Location[] {
    const locations: Location[] = [];
    for (const uri of [...this.files.keys()].sort()) {
      const seen = new Set<string>();
      for (const statement of (this.files.get(uri) as IndexedFile).statements) {
        if (!factIds.has(statement.factId)) continue;
        const key = `${statement.range.start.line}:${statement.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        locations.push({ uri, range: statement.range });
      }
    }
    return locations;
  }

  /** How many statements the index holds. */
  get size(): number {
    return this.total;
  }
}
