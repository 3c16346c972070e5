/**
 * Checking open drafts: one cached result per document version (hover, code actions and links read it
 * and never recompute), debounced checks while typing, and publishing what the client is shown.
 */
import { type CancellationToken, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../engine/api';
import type { FactBase } from '../engine/types';
import { cancelled, type Logger } from './context';
import { findingToDiagnostic, notCheckedDiagnostic } from './diagnostics';
import { isDraft, tooLargeReason, type DocumentStore } from './documents';
import { DocumentCheckers } from './incrementalChecks';
import type { FactBaseEntry, FactBaseStore } from './factBase';
import { Scheduler } from './scheduler';
import type { SettingsStore } from './settingsStore';
import { uriToPath } from './uris';

/** The outcome of checking one version of a document. */
export interface CheckEntry {
  uri: string;
  version: number;
  /** The {@link CheckService.epoch} it was computed in (facts and settings at the time). */
  epoch: number;
  /** The engine's result; absent when the document was not checked (disabled, too large, no fact base). */
  result?: CheckResult;
  /** The fact base the result was computed with, for hovers. */
  base?: FactBase;
  factBase?: FactBaseEntry;
  diagnostics: Diagnostic[];
  /** Set when the check threw: {@link diagnostics} are the previous ones. */
  failed?: boolean;
}

/** What the client was last given for a document. */
interface Published {
  version: number;
  json: string;
  resultId: string;
  diagnostics: Diagnostic[];
}

/** Hooks the service calls; wired by the server. */
export interface CheckHooks {
  /** Diagnostics of `uri` changed while the client uses push diagnostics. */
  push(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** A check finished (for the status notification). */
  checked(uri: string): void;
}

/** Checks drafts and remembers the results. */
export class CheckService {
  private readonly cache = new Map<string, CheckEntry>();
  /** Incremental checkers of the open drafts: an edit re-parses only the chunks it touches. */
  private readonly checkers = new DocumentCheckers();
  private readonly published = new Map<string, Published>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly scheduler: Scheduler;
  private resultCounter = 0;
  /** Bumped whenever facts or settings change, so that every cached result is stale. */
  private epoch = 0;

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly factBases: FactBaseStore,
    private readonly log: Logger,
    private readonly pull: boolean,
    private readonly hooks: CheckHooks,
  ) {
    this.scheduler = new Scheduler((uri, error) => this.log.error(`Source Check: checking ${uri} failed`, error));
  }

  /** Facts or settings changed: every result is stale. */
  invalidate(): void {
    this.epoch++;
  }

  /** A draft was opened: check it right away. */
  opened(document: TextDocument): void {
    if (!isDraft(document)) return;
    this.schedule(document.uri, 0);
  }

  /** A draft changed: check it after the debounce delay (only when checking on type). */
  changed(document: TextDocument): void {
    if (!isDraft(document)) return;
    const settings = this.settings.for(uriToPath(document.uri));
    if (settings.run === 'onType') this.schedule(document.uri, settings.debounceMs);
  }

  /** A draft was saved: check it now when checking on save. */
  saved(document: TextDocument): void {
    if (!isDraft(document)) return;
    if (this.settings.for(uriToPath(document.uri)).run === 'onSave') this.schedule(document.uri, 0);
  }

  /** A draft was closed: forget it, and clear what the client shows when diagnostics are pushed. */
  closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.cache.delete(uri);
    this.checkers.forget(uri);
    this.published.delete(uri);
    this.wake(uri);
    if (!this.pull) this.hooks.push(uri, undefined, []);
  }

  /** Re-checks every open draft (facts or settings changed) and publishes the results. */
  recheckAll(): void {
    this.invalidate();
    for (const document of this.documents.all()) if (isDraft(document)) this.schedule(document.uri, 0);
  }

  /**
   * The result for the current version of `uri`: the cached one, the pending debounced check's, or a
   * fresh check. Undefined when the document is not an open draft.
   */
  async current(uri: string, token?: CancellationToken): Promise<CheckEntry | undefined> {
    for (;;) {
      const document = this.documents.get(uri);
      if (!document || !isDraft(document)) return undefined;
      const entry = this.cache.get(uri);
      if (entry && entry.version === document.version && entry.epoch === this.epoch) return entry;
      if (token?.isCancellationRequested) throw cancelled();
      if (!this.scheduler.isPending(uri)) return this.compute(document);
      await this.nextCheck(uri, token);
    }
  }

  /** The cached result of `uri` if it is for the current version, without checking. */
  cached(uri: string): CheckEntry | undefined {
    const document = this.documents.get(uri);
    const entry = this.cache.get(uri);
    return document && entry && entry.version === document.version && entry.epoch === this.epoch ? entry : undefined;
  }

  /**
   * The diagnostics a `textDocument/diagnostic` request answers with: the current version's (when
   * checking on type) or the last published (on save), with a result id that only changes with them.
   */
  async pullReport(uri: string, token: CancellationToken): Promise<{ resultId: string; diagnostics: Diagnostic[] } | undefined> {
    const document = this.documents.get(uri);
    if (!document || !isDraft(document)) return undefined;
    const onSave = this.settings.for(uriToPath(uri)).run === 'onSave';
    const previous = this.published.get(uri);
    if (onSave && previous && !this.scheduler.isPending(uri)) return previous;
    const entry = await this.current(uri, token);
    if (!entry) return undefined;
    return this.markPublished(entry);
  }

  /** Every open draft's latest diagnostics, for the status notification. */
  latest(): CheckEntry[] {
    return [...this.cache.values()];
  }

  /** Stops pending checks. */
  dispose(): void {
    this.scheduler.dispose();
  }

  private schedule(uri: string, delayMs: number): void {
    this.scheduler.schedule(uri, delayMs, (token) => {
      if (token.isCancellationRequested) return;
      const document = this.documents.get(uri);
      if (!document) return;
      const entry = this.compute(document);
      this.publish(entry);
    });
  }

  /** Checks the current text of `document` and caches the result; never throws. */
  private compute(document: TextDocument): CheckEntry {
    const uri = document.uri;
    const version = document.version;
    const epoch = this.epoch;
    const previous = this.cache.get(uri);
    let entry: CheckEntry;
    try {
      entry = this.check(document, epoch);
    } catch (error) {
      this.log.error(`Source Check: checking ${uri} (version ${version}) failed; the previous diagnostics stay`, error);
      entry = { uri, version, epoch, diagnostics: previous?.diagnostics ?? [], failed: true };
    }
    this.cache.set(uri, entry);
    this.wake(uri);
    this.hooks.checked(uri);
    return entry;
  }

  private check(document: TextDocument, epoch: number): CheckEntry {
    const uri = document.uri;
    const version = document.version;
    const file = uriToPath(uri);
    const settings = this.settings.for(file);
    if (!settings.enable) return { uri, version, epoch, diagnostics: [] };
    const text = document.getText();
    const tooLarge = tooLargeReason(text);
    if (tooLarge) return { uri, version, epoch, diagnostics: [notCheckedDiagnostic(tooLarge)] };
    const factBase = this.factBases.entryFor(file, this.settings.folderOf(file), settings);
    if (!factBase.base) return { uri, version, epoch, factBase, diagnostics: [] };
    const result = this.checkers.check(uri, text, factBase.base, this.factBases.checkOptions(factBase));
    return { uri, version, epoch, result, base: factBase.base, factBase, diagnostics: result.findings.map((f) => findingToDiagnostic(f, uri)) };
  }

  /** Hands a fresh result to the client: pushed, or kept for the next pull. Stale versions are dropped. */
  private publish(entry: CheckEntry): void {
    const document = this.documents.get(entry.uri);
    if (!document || document.version !== entry.version) return;
    if (this.pull) {
      const onSave = this.settings.for(uriToPath(entry.uri)).run === 'onSave';
      // Checking on save: what a pull answers changes only here, so it is recorded now.
      if (onSave) this.markPublished(entry);
      return;
    }
    this.markPublished(entry);
    this.hooks.push(entry.uri, entry.version, entry.diagnostics);
  }

  private markPublished(entry: CheckEntry): Published {
    const json = JSON.stringify(entry.diagnostics);
    const previous = this.published.get(entry.uri);
    if (previous && previous.json === json) {
      previous.version = entry.version;
      return previous;
    }
    const published: Published = { version: entry.version, json, resultId: `${++this.resultCounter}`, diagnostics: entry.diagnostics };
    this.published.set(entry.uri, published);
    return published;
  }

  private nextCheck(uri: string, token: CancellationToken | undefined): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
      token?.onCancellationRequested(() => resolve());
    });
  }

  private wake(uri: string): void {
    const list = this.waiters.get(uri);
    if (!list) return;
    this.waiters.delete(uri);
    for (const resolve of list) resolve();
  }
}
