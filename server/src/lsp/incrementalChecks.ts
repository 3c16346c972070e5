/**
 * One incremental checker per open draft, so that an edit re-parses only the part of the draft it
 * touches. A checker is tied to a fact base and check options; when either changes, the draft gets
 * a fresh one.
 */
import type { CheckOptions, CheckResult } from '../engine/api';
import { createIncrementalChecker, type IncrementalChecker } from '../engine/incremental';
import type { FactBase } from '../engine/types';

interface Entry {
  base: FactBase;
  options: string;
  checker: IncrementalChecker;
}

/** The incremental checkers of the open drafts, by URI. */
export class DocumentCheckers {
  private readonly checkers = new Map<string, Entry>();

  /** Checks the current text of `uri`; the same result as `checkDocument(text, base, options)`. */
  check(uri: string, text: string, base: FactBase, options: CheckOptions): CheckResult {
    const key = JSON.stringify(options);
    let entry = this.checkers.get(uri);
    if (!entry || entry.base !== base || entry.options !== key) {
      entry = { base, options: key, checker: createIncrementalChecker(base, options) };
      this.checkers.set(uri, entry);
    }
    return entry.checker.update(text);
  }

  /** Drops the checker (and the chunks it keeps) of a closed draft. */
  forget(uri: string): void {
    this.checkers.delete(uri);
  }
}
