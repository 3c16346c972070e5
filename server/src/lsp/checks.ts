/**
 * Checking open drafts: one cached result per document version (hover, code actions and links read it
 * and never recompute), debounced checks while typing, and publishing what the client is shown. The
 * checks themselves run in the worker pool (`./pool`), one at a time per draft, each within its time
 * budget; this thread only sends the text and keeps the results.
 */
import { type CancellationToken, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../engine/api';
import type { FactBase } from '../engine/types';
import { cancelled, type Logger } from './context';
import { findingToDiagnostic, notCheckedDiagnostic } from './diagnostics';
import { isDraft, tooLargeReason, type DocumentStore } from './documents';
import type { FactBaseEntry, FactBaseStore } from './factBase';
import type { CheckPool, PoolOutcome, PreparedCheck } from './pool';
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
  /** Set when the check ran past its time budget or stopped its worker: {@link diagnostics} is the one "not checked" notice. */
  notChecked?: boolean;
}

/**
 * How long a request (hover, code actions, links, completion) waits for the check of the current
 * version before it answers from the latest result: a slow draft must not hold up the editor.
 */
export const REQUEST_WAIT_MS = 750;

/** The information diagnostic of a draft whose check ran past its time budget. */
export function overBudgetDiagnostic(budgetMs: number): Diagnostic {
  return notCheckedDiagnostic(
    `Source Check did not check this draft: checking it took longer than the time budget of ${formatSeconds(budgetMs)} ` +
      '(sourcecheck.timeBudgetMs, or timeBudgetMs in .sourcecheck.yaml), so it was stopped. It is checked again when it changes.',
  );
}

/** The information diagnostic of a draft whose check stopped its worker (it ran out of memory, say). */
export function workerLostDiagnostic(reason: string): Diagnostic {
  return notCheckedDiagnostic(`Source Check did not check this draft: ${reason.replace(/^Source Check: /, '')}. It is checked again when it changes.`);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
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
  /** Drafts with a check in the pool, and those to check again when it returns (they changed meanwhile). */
  private readonly running = new Set<string>();
  private readonly again = new Map<string, boolean>();
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
    private readonly pool: CheckPool,
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
    this.again.delete(uri);
    this.pool.forget(uri);
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
   * The result for the current version of `uri`: the cached one, or the one of the check now running
   * or pending (a pending debounced check runs at once). Undefined when the document is not an open
   * draft. With `waitMs`, answers after that long with the latest result, of an earlier version if
   * the current one is still being checked.
   */
  async current(uri: string, token?: CancellationToken, waitMs?: number): Promise<CheckEntry | undefined> {
    const deadline = waitMs === undefined ? undefined : Date.now() + waitMs;
    for (;;) {
      const document = this.documents.get(uri);
      if (!document || !isDraft(document)) return undefined;
      const entry = this.cache.get(uri);
      if (entry && entry.version === document.version && entry.epoch === this.epoch) return entry;
      if (token?.isCancellationRequested) throw cancelled();
      if (this.scheduler.isPending(uri)) this.scheduler.flush(uri);
      // A check a request asks for is not published: when checking on save, only opening and saving publish.
      else if (!this.running.has(uri)) void this.run(uri, false);
      const left = deadline === undefined ? undefined : deadline - Date.now();
      if (left !== undefined && left <= 0) return entry;
      await this.nextCheck(uri, token, left);
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

  /**
   * Checks a draft that is not open (a workspace check) in the pool, within the time budget: its
   * diagnostics and statements, or its one "not checked" diagnostic.
   */
  async checkClosed(uri: string, text: string, factBase: FactBaseEntry): Promise<{ diagnostics: Diagnostic[]; result?: CheckResult }> {
    const base = factBase.base;
    if (!base) return { diagnostics: [] };
    const outcome = await this.pool.check(undefined, () => ({ text, base, options: this.factBases.checkOptions(factBase), budgetMs: this.factBases.timeBudgetMs(factBase) }));
    switch (outcome.kind) {
      case 'checked':
        return { diagnostics: outcome.result.findings.map((f) => findingToDiagnostic(f, uri)), result: outcome.result };
      case 'over-budget':
        return { diagnostics: [overBudgetDiagnostic(outcome.budgetMs)] };
      case 'failed':
        if (outcome.workerLost) return { diagnostics: [workerLostDiagnostic(outcome.error)] };
        throw new Error(outcome.error.split('\n')[0]);
      default:
        throw new Error('the server is shutting down');
    }
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
      void this.run(uri);
    });
  }

  /** Checks the current version of `uri` in the pool, one check at a time per draft, and publishes it. */
  private async run(uri: string, publish = true): Promise<void> {
    if (this.running.has(uri)) {
      this.again.set(uri, publish || (this.again.get(uri) ?? false));
      return;
    }
    const document = this.documents.get(uri);
    if (!document || !isDraft(document)) return;
    this.running.add(uri);
    try {
      const entry = await this.compute(uri);
      if (entry && publish) this.publish(entry);
    } catch (error) {
      this.log.error(`Source Check: checking ${uri} failed`, error);
    } finally {
      this.running.delete(uri);
      this.wake(uri);
      const again = this.again.get(uri);
      this.again.delete(uri);
      if (again !== undefined && !this.cached(uri) && !this.scheduler.isPending(uri)) void this.run(uri, again);
    }
  }

  /**
   * Checks the current text of `uri` and caches the result; never throws. What the pool checks is
   * read when a worker is free, so a draft that waited is checked as it is then.
   */
  private async compute(uri: string): Promise<CheckEntry | undefined> {
    let entry: CheckEntry | undefined;
    let sent: { version: number; epoch: number; factBase: FactBaseEntry } | undefined;
    const outcome = await this.pool.check(uri, () => {
      const document = this.documents.get(uri);
      if (!document) return undefined;
      const plan = this.plan(document);
      if ('entry' in plan) {
        entry = plan.entry;
        return undefined;
      }
      sent = { version: document.version, epoch: plan.epoch, factBase: plan.factBase };
      return plan.check;
    });
    if (sent) entry = this.entryOf(uri, sent, outcome);
    if (!entry) return undefined;
    const current = this.cache.get(uri);
    // A result never replaces a newer one (a check of the current version that finished first).
    if (!current || current.version <= entry.version || current.epoch < entry.epoch) this.cache.set(uri, entry);
    if (this.documents.get(uri)) this.hooks.checked(uri);
    return entry;
  }

  /** What checking `document` takes: a result known without the pool, or what to send it. */
  private plan(document: TextDocument): { entry: CheckEntry } | { epoch: number; factBase: FactBaseEntry; check: PreparedCheck } {
    const uri = document.uri;
    const version = document.version;
    const epoch = this.epoch;
    const file = uriToPath(uri);
    const settings = this.settings.for(file);
    if (!settings.enable) return { entry: { uri, version, epoch, diagnostics: [] } };
    const text = document.getText();
    const tooLarge = tooLargeReason(text);
    if (tooLarge) return { entry: { uri, version, epoch, diagnostics: [notCheckedDiagnostic(tooLarge)] } };
    const factBase = this.factBases.entryFor(file, this.settings.folderOf(file), settings);
    if (!factBase.base) return { entry: { uri, version, epoch, factBase, diagnostics: [] } };
    const check: PreparedCheck = { text, base: factBase.base, options: this.factBases.checkOptions(factBase), budgetMs: this.factBases.timeBudgetMs(factBase) };
    return { epoch, factBase, check };
  }

  private entryOf(uri: string, sent: { version: number; epoch: number; factBase: FactBaseEntry }, outcome: PoolOutcome): CheckEntry | undefined {
    const { version, epoch, factBase } = sent;
    switch (outcome.kind) {
      case 'checked': {
        const result = outcome.result;
        return { uri, version, epoch, result, base: factBase.base, factBase, diagnostics: result.findings.map((f) => findingToDiagnostic(f, uri)) };
      }
      case 'over-budget':
        this.log.warn(`Source Check: checking ${uri} (version ${version}) took longer than ${outcome.budgetMs} ms; it was stopped`);
        return { uri, version, epoch, factBase, diagnostics: [overBudgetDiagnostic(outcome.budgetMs)], notChecked: true };
      case 'failed': {
        // A draft that kills its worker (out of memory) would kill the next one too: it is not checked.
        if (outcome.workerLost) {
          this.log.warn(`Source Check: checking ${uri} (version ${version}) stopped its worker: ${outcome.error}`);
          return { uri, version, epoch, factBase, diagnostics: [workerLostDiagnostic(outcome.error)], notChecked: true };
        }
        this.log.error(`Source Check: checking ${uri} (version ${version}) failed; the previous diagnostics stay`, outcome.error);
        return { uri, version, epoch, diagnostics: this.cache.get(uri)?.diagnostics ?? [], failed: true };
      }
      default:
        return undefined;
    }
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

  private nextCheck(uri: string, token: CancellationToken | undefined, waitMs: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
      token?.onCancellationRequested(() => resolve());
      if (waitMs !== undefined) setTimeout(resolve, waitMs).unref();
    });
  }

  private wake(uri: string): void {
    const list = this.waiters.get(uri);
    if (!list) return;
    this.waiters.delete(uri);
    for (const resolve of list) resolve();
  }
}
