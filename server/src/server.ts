/**
 * The Source Check language server (`sourcecheck-ls --stdio`, or IPC under VS Code). This file only
 * wires the feature modules of `./lsp` to the connection.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver/node';
import { addFactRequest, type AddFactResult, type CheckWorkspaceResult, checkWorkspaceProgress, checkWorkspaceRequest, factFilesRequest, recheckRequest, ADD_FACT_SERVER_COMMAND, sourcesRequest, statusNotification } from './lspExt';
import { ADD_FACT_KIND, addFactAction, addFactFromSelection } from './lsp/addFact';
import { CITATION_TRIGGERS, citationCompletions } from './lsp/completion';
import { definitionAt } from './lsp/definition';
import { verifiedMarks } from './lsp/inlayHints';
import { factAtEntry, factsAtStatement, referencesOf } from './lsp/references';
import { sourcesView } from './lsp/sourcesView';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { readTextFileSync } from './node/files';
import { CheckService, REQUEST_WAIT_MS } from './lsp/checks';
import { CODE_ACTION_KINDS, codeActionsFor } from './lsp/codeActions';
import { clientSupport, connectionLogger, describeError, guardNotification, guardRequest, type ClientSupport, type Logger } from './lsp/context';
import { citationLinks } from './lsp/documentLinks';
import { DocumentStore, isDraft } from './lsp/documents';
import { FactBaseStore } from './lsp/factBase';
import { FactFiles } from './lsp/factWatch';
import { hoverAt } from './lsp/hover';
import { CheckPool } from './lsp/pool';
import { Scheduler } from './lsp/scheduler';
import { SettingsStore } from './lsp/settingsStore';
import { buildStatus } from './lsp/status';
import { pathKey, pathToUri, uriToPath } from './lsp/uris';
import { checkWorkspace, recordEntry, refreshIndex, type WorkspaceCheckDeps } from './lsp/workspaceCheck';
import { setFlagsFromString } from 'node:v8';

/** Starts a server on `connection` (the default reads `--stdio`, `--node-ipc` or `--socket` from argv). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const session = new Session(connection);
  process.on('unhandledRejection', (reason) => session.log.error('Source Check: unhandled rejection', reason));
  process.on('uncaughtException', (error) => session.log.error('Source Check: uncaught exception', error));
  session.listen();
}

/**
 * One client's session: the stores, what the client supports, the check service and its worker
 * pool, and the protocol handlers. Created unconnected; {@link listen} wires it.
 */
class Session {
  readonly log: Logger;
  private readonly documents = new DocumentStore();
  private readonly settings: SettingsStore;
  private readonly factBases: FactBaseStore;
  private readonly factReloads: Scheduler;
  private readonly index = new WorkspaceIndex();
  private readonly pool: CheckPool;
  /** URIs whose diagnostics a workspace check pushed while the client pulls (cleared when they open). */
  private readonly pushedByWorkspaceCheck = new Set<string>();
  private support: ClientSupport | undefined;
  private workspaceFolderEvents = false;
  private checks: CheckService | undefined;
  private factFiles: FactFiles | undefined;
  private markReady: () => void = () => undefined;
  /** Settled once the settings have been read: requests and edits wait for it. */
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(private readonly connection: Connection) {
    this.log = connectionLogger(connection);
    this.settings = new SettingsStore((message) => this.log.warn(`Source Check: ${message}`));
    this.factBases = new FactBaseStore((file) => this.openText(file));
    this.factReloads = new Scheduler((key, error) => this.log.error(`Source Check: reloading facts for ${key} failed`, error));
    this.pool = new CheckPool({ size: POOL_SIZE, log: (message) => this.log.warn(message) });
  }

  /** Registers the handlers and starts listening. */
  listen(): void {
    this.registerLifecycle();
    this.registerDocuments();
    this.registerFeatures();
    this.registerCommands();
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  /**
   * Settings, workspace folders or facts may have changed: read the settings again (when the client
   * serves them), reload the fact bases, re-check every open draft and tell the client.
   */
  async reloadAll(options: { pullSettings: boolean } = { pullSettings: true }): Promise<void> {
    if (options.pullSettings && this.support?.configuration) await this.settings.pull(this.connection);
    this.factBases.invalidateAll();
    this.factBases.reloadDirty();
    this.factFiles?.sync();
    this.refreshAll();
    this.sendStatus();
  }

  /** The unsaved text of an open document at `file`, if any. */
  private openText(file: string): string | undefined {
    const key = pathKey(file);
    for (const document of this.documents.all()) {
      const open = uriToPath(document.uri);
      if (open && pathKey(open) === key) return document.getText();
    }
    return undefined;
  }

  /** A file's text as the editor has it, else as the disk has it. */
  private readText(file: string): string | undefined {
    const open = this.openText(file);
    if (open !== undefined) return open;
    const read = readTextFileSync(file);
    return 'text' in read ? read.text : undefined;
  }

  private lineOf(uri: string, line: number): string {
    return this.documents.get(uri)?.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '') ?? '';
  }

  private workspaceDeps(checks: CheckService): WorkspaceCheckDeps {
    return {
      settings: this.settings,
      factBases: this.factBases,
      checks,
      index: this.index,
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      openUris: () => this.documents.all().filter(isDraft).map((d) => d.uri),
      publish: (uri, diagnostics) => {
        if (this.support?.pullDiagnostics) this.pushedByWorkspaceCheck.add(uri);
        this.push(uri, undefined, diagnostics);
      },
      progress: (done, total) => void this.connection.sendNotification(checkWorkspaceProgress, { done, total }).catch(() => undefined),
    };
  }

  private sendStatus(): void {
    if (!this.checks) return;
    const open = new Set(this.documents.all().map((d) => d.uri));
    const status = buildStatus(this.settings.for(undefined).enable, this.factBases.all(), this.checks.latest().filter((e) => open.has(e.uri)));
    void this.connection.sendNotification(statusNotification, status).catch(() => undefined);
  }

  private push(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    const params = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
    void this.connection.sendDiagnostics(params).catch((e: unknown) => this.log.error('Source Check: publishing diagnostics failed', e));
  }

  /** Facts or settings changed: re-check the open drafts and have a pulling client pull again. */
  private refreshAll(): void {
    const support = this.support;
    if (!this.checks || !support) return;
    this.checks.recheckAll();
    if (support.pullDiagnostics && support.diagnosticRefresh) this.connection.languages.diagnostics.refresh();
    // Verified marks follow the facts and the settings.
    if (support.inlayHintRefresh) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** Fact files changed (on disk or in the editor): reload the bases that read them. */
  private reloadFacts(files: string[]): void {
    if (!this.factBases.filesChanged(files)) return;
    this.factBases.reloadDirty();
    this.factFiles?.sync();
    this.refreshAll();
    this.sendStatus();
  }

  /** The check service once the client has initialized; requests wait for the settings first. */
  private async started(): Promise<CheckService | undefined> {
    await this.ready;
    return this.checks;
  }

  /** A request handler that waits for the session to start and turns exceptions into `fallback`. */
  private request<P, R, T extends unknown[]>(name: string, fallback: R, handler: (checks: CheckService, params: P, ...rest: T) => R | Promise<R>): (params: P, ...rest: T) => Promise<R> {
    return guardRequest(this.log, name, fallback, async (params: P, ...rest: T) => {
      const checks = await this.started();
      return checks ? handler(checks, params, ...rest) : fallback;
    });
  }

  private registerLifecycle(): void {
    const connection = this.connection;
    connection.onInitialize((params): InitializeResult => {
      const support = clientSupport(params.capabilities);
      this.support = support;
      // Editors other than VS Code do not send it; they trust the workspace they were started in.
      this.factBases.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
      this.workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
      this.settings.setFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
      this.factFiles = new FactFiles(connection, support, this.factBases, this.log);
      this.checks = new CheckService(this.documents, this.settings, this.factBases, this.log, support.pullDiagnostics, {
        push: (uri, version, diagnostics) => this.push(uri, version, diagnostics),
        checked: (uri) => {
          const entry = this.checks?.cached(uri);
          if (entry) recordEntry(this.index, entry);
          this.factFiles?.sync();
          this.sendStatus();
        },
      }, this.pool);
      const result: InitializeResult = {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS, ADD_FACT_KIND], resolveProvider: false },
          documentLinkProvider: { resolveProvider: false },
          definitionProvider: true,
          referencesProvider: true,
          completionProvider: { triggerCharacters: CITATION_TRIGGERS, resolveProvider: false },
          inlayHintProvider: { resolveProvider: false },
          executeCommandProvider: { commands: [ADD_FACT_SERVER_COMMAND] },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'sourcecheck-ls', version: VERSION },
      };
      if (support.pullDiagnostics) {
        result.capabilities.diagnosticProvider = { identifier: 'sourcecheck', interFileDependencies: false, workspaceDiagnostics: false };
      }
      return result;
    });

    connection.onInitialized(guardNotification(this.log, 'initialized', async () => {
      if (!this.support) return;
      if (this.support.configuration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcecheck' }).catch(() => undefined);
        try {
          await this.settings.pull(connection);
        } catch (error) {
          this.log.error('Source Check: reading the settings failed; using the defaults', error);
        }
      }
      if (this.workspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(guardNotification(this.log, 'didChangeWorkspaceFolders', async (event) => {
          const current = this.settings.folderPaths().map((p) => ({ uri: pathToUri(p), name: p }));
          const removed = new Set(event.removed.map((f) => f.uri));
          this.settings.setFolders([...current.filter((f) => !removed.has(f.uri)), ...event.added]);
          await this.reloadAll();
        }));
      }
      this.factFiles?.updateWatchers();
      this.markReady();
      // Drafts opened before the settings arrived were held back; check them now.
      this.refreshAll();
    }));

    connection.onDidChangeConfiguration(guardNotification(this.log, 'didChangeConfiguration', async (params) => {
      if (!this.support?.configuration) this.settings.accept(params.settings);
      await this.reloadAll();
    }));

    connection.onDidChangeWatchedFiles(guardNotification(this.log, 'didChangeWatchedFiles', (params) => {
      const files = params.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => f !== undefined);
      this.reloadFacts(files);
    }));

    connection.onShutdown(async () => {
      this.checks?.dispose();
      this.factReloads.dispose();
      await this.pool.dispose();
    });
  }

  private registerDocuments(): void {
    const events = this.documents.documents;
    events.onDidOpen(guardNotification(this.log, 'didOpen', async ({ document }) => {
      const checks = await this.started();
      const file = uriToPath(document.uri);
      if (isDraft(document)) {
        if (this.support?.pullDiagnostics && this.pushedByWorkspaceCheck.delete(document.uri)) this.push(document.uri, undefined, []);
        checks?.opened(document);
        // A Markdown source note is a draft and a fact input at once.
        if (file && this.factBases.isFactFile(file)) this.reloadFacts([file]);
        return;
      }
      if (file && this.factFiles?.isFactFile(file)) this.reloadFacts([file]);
    }));

    events.onDidChangeContent(guardNotification(this.log, 'didChange', async ({ document }) => {
      const checks = await this.started();
      const file = uriToPath(document.uri);
      if (isDraft(document)) checks?.changed(document);
      if (file && (isDraft(document) ? this.factBases.isFactFile(file) : this.factFiles?.isFactFile(file))) {
        this.factReloads.schedule(document.uri, this.settings.for(file).debounceMs, () => this.reloadFacts([file]));
      }
    }));

    events.onDidSave(guardNotification(this.log, 'didSave', ({ document }) => {
      if (isDraft(document)) this.checks?.saved(document);
    }));

    events.onDidClose(guardNotification(this.log, 'didClose', ({ document }) => {
      // The editor's unsaved text of a fact input no longer applies; the file on disk does.
      const file = uriToPath(document.uri);
      this.factReloads.cancel(document.uri);
      if (isDraft(document)) {
        this.checks?.closed(document.uri);
        // The disk's text applies again; the next references request re-reads it.
        this.index.forget(document.uri);
        this.sendStatus();
        if (file && this.factBases.isFactFile(file)) this.reloadFacts([file]);
        return;
      }
      if (file && this.factFiles?.isFactFile(file)) this.reloadFacts([file]);
    }));
  }

  /** Hover, code actions, links and the rest answer from the latest check, never checking themselves. */
  private registerFeatures(): void {
    const connection = this.connection;
    connection.languages.diagnostics.on(this.request('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (checks, params, token) => {
      const report = await checks.pullReport(params.textDocument.uri, token);
      if (!report) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
    }));

    connection.onHover(this.request('textDocument/hover', null, async (checks, params, token) => {
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      if (!entry?.result || !entry.base) return null;
      return hoverAt(entry.result.statements, entry.base, params.position, this.support?.markdownHover ?? true);
    }));

    connection.onCodeAction(this.request('textDocument/codeAction', [], async (checks, params, token) => {
      const document = this.documents.get(params.textDocument.uri);
      if (!document) return [];
      const addFact = addFactAction(params, this.factBases.trusted, params.context.only);
      if (!isDraft(document)) return addFact;
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      // Fixes of an earlier version would edit the wrong places.
      const findings = entry?.version === document.version ? entry.result?.findings : undefined;
      return [...codeActionsFor(params, document, findings), ...addFact];
    }));

    connection.onDefinition(this.request('textDocument/definition', [], async (checks, params, token) => {
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      if (!entry?.result || !entry.base) return [];
      return definitionAt({
        result: entry.result,
        base: entry.base,
        position: params.position,
        lineText: this.lineOf(params.textDocument.uri, params.position.line),
        factFiles: entry.factBase?.factFiles ?? [],
        readFactFile: (file) => this.readText(file),
      });
    }));

    connection.onReferences(this.request('textDocument/references', [], async (checks, params, token) => {
      const uri = params.textDocument.uri;
      const document = this.documents.get(uri);
      const file = uriToPath(uri);
      let factIds = new Set<string>();
      let base;
      if (document && isDraft(document)) {
        const entry = await checks.current(uri, token, REQUEST_WAIT_MS);
        if (!entry?.result || !entry.base) return [];
        factIds = factsAtStatement(entry.result, params.position);
        base = entry.base;
      } else if (file && this.factBases.isFactFile(file)) {
        const text = this.readText(file);
        for (const entry of this.factBases.all()) {
          if (!entry.base || text === undefined) continue;
          factIds = factAtEntry(text, params.position, entry.base);
          base = entry.base;
          if (factIds.size > 0) break;
        }
      }
      if (!base || factIds.size === 0) return [];
      await refreshIndex(this.workspaceDeps(checks), token);
      return referencesOf(factIds, this.index, base, params.context.includeDeclaration);
    }));

    connection.onCompletion(this.request('textDocument/completion', [], async (checks, params, token) => {
      const document = this.documents.get(params.textDocument.uri);
      if (!document || !isDraft(document)) return [];
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      if (!entry?.result || !entry.base) return [];
      const text = document.getText();
      return citationCompletions({
        result: entry.result,
        base: entry.base,
        position: params.position,
        lineText: this.lineOf(params.textDocument.uri, params.position.line),
        text,
        end: document.positionAt(text.length),
      });
    }));

    connection.languages.inlayHint.on(this.request('textDocument/inlayHint', [], async (checks, params, token) => {
      if (!this.settings.for(uriToPath(params.textDocument.uri)).verifiedMarks) return [];
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      if (!entry?.result || !entry.base) return [];
      return verifiedMarks(entry.result, entry.base, params.range);
    }));

    connection.onDocumentLinks(this.request('textDocument/documentLink', [], async (checks, params, token) => {
      const entry = await checks.current(params.textDocument.uri, token, REQUEST_WAIT_MS);
      return entry?.result ? citationLinks(entry.result.citations) : [];
    }));

    connection.onRequest(sourcesRequest, this.request('sourcecheck/sources', null, async (checks, params, token) => {
      const entry = await checks.current(params.uri, token, REQUEST_WAIT_MS);
      if (!entry?.result || !entry.base) return { uri: params.uri, checked: false, sources: [] };
      return sourcesView(params.uri, entry.result, entry.base);
    }));
  }

  private addFact(uri: string, range: Range): AddFactResult {
    const document = this.documents.get(uri);
    if (!document) return { error: 'open the document first' };
    return addFactFromSelection(document, range, {
      factBases: this.factBases,
      entryFor: (file) => this.factBases.entryFor(file, this.settings.folderOf(file), this.settings.for(file)),
      readText: (file) => this.readText(file),
    });
  }

  private registerCommands(): void {
    const connection = this.connection;
    connection.onRequest(addFactRequest, this.request('sourcecheck/addFact', { error: 'adding the fact failed; see the output' } as AddFactResult, (_checks, params) => this.addFact(params.uri, params.range)));

    connection.onExecuteCommand(this.request('workspace/executeCommand', null, async (_checks, params) => {
      if (params.command !== ADD_FACT_SERVER_COMMAND) return null;
      const [uri, range] = (params.arguments ?? []) as [string, Range];
      const result = this.addFact(uri, range);
      if ('error' in result) {
        void connection.window.showErrorMessage(`Source Check: ${result.error}`);
        return null;
      }
      const applied = await connection.workspace.applyEdit({ label: 'Add fact from selection', edit: result.edit });
      if (applied.applied) await connection.window.showDocument({ uri: result.factFile, selection: result.factRange, takeFocus: true });
      else void connection.window.showErrorMessage(`Source Check: the fact file was not changed${applied.failureReason ? `: ${applied.failureReason}` : ''}`);
      return null;
    }));

    connection.onRequest(recheckRequest, this.request('sourcecheck/recheck', undefined, () => this.reloadAll()));

    connection.onRequest(checkWorkspaceRequest, this.request('sourcecheck/checkWorkspace', { files: 0, findings: 0, skipped: [] } as CheckWorkspaceResult, async (checks, _params, token) => {
      try {
        return await checkWorkspace(this.workspaceDeps(checks), token);
      } finally {
        this.factFiles?.sync();
        this.sendStatus();
      }
    }));

    connection.onRequest(factFilesRequest, this.request('sourcecheck/factFiles', [] as string[], () => {
      if (this.factBases.all().length === 0) {
        // No draft checked yet: load what the workspace folders' configurations name.
        const folders = this.settings.folderPaths();
        if (folders.length === 0) this.factBases.entryFor(undefined, undefined, this.settings.for(undefined));
        for (const folder of folders) this.factBases.entryFor(undefined, folder, this.settings.for(folder));
        this.factFiles?.sync();
      }
      const uris = new Set<string>();
      for (const entry of this.factBases.all()) {
        if (entry.configPath) uris.add(pathToUri(entry.configPath));
        for (const file of entry.factFiles) uris.add(pathToUri(file));
      }
      return [...uris].sort();
    }));
  }
}

/**
 * Check workers. Two keep one draft's check (or a hostile draft's, until its budget runs out) from
 * holding up the others on a two-core machine; each costs about 10 MB of memory.
 */
const POOL_SIZE = 2;

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

// The server lives as long as the editor, with many drafts open: V8's memory-saving mode (a smaller
// young generation, slower heap growth, and the idle memory reducer) keeps it near 100 MB with 50
// drafts open, for a millisecond or two per check. Figures in docs/performance.md.
setFlagsFromString('--optimize-for-size');

try {
  startServer();
} catch (error) {
  process.stderr.write(`sourcecheck-ls: ${describeError(error)}\n`);
  process.exit(1);
}
