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
  type InitializeResult,
} from 'vscode-languageserver/node';
import { checkWorkspaceProgress, checkWorkspaceRequest, factFilesRequest, recheckRequest, statusNotification } from './lspExt';
import { CheckService } from './lsp/checks';
import { CODE_ACTION_KINDS, codeActionsFor } from './lsp/codeActions';
import { clientSupport, connectionLogger, describeError, guardNotification, guardRequest, type ClientSupport } from './lsp/context';
import { citationLinks } from './lsp/documentLinks';
import { DocumentStore, isDraft } from './lsp/documents';
import { FactBaseStore } from './lsp/factBase';
import { FactFiles } from './lsp/factWatch';
import { hoverAt } from './lsp/hover';
import { Scheduler } from './lsp/scheduler';
import { SettingsStore } from './lsp/settingsStore';
import { buildStatus } from './lsp/status';
import { pathKey, pathToUri, uriToPath } from './lsp/uris';
import { checkWorkspace } from './lsp/workspaceCheck';
import { setFlagsFromString } from 'node:v8';

/** Starts a server on `connection` (the default reads `--stdio`, `--node-ipc` or `--socket` from argv). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const log = connectionLogger(connection);
  process.on('unhandledRejection', (reason) => log.error('Source Check: unhandled rejection', reason));
  process.on('uncaughtException', (error) => log.error('Source Check: uncaught exception', error));

  const documents = new DocumentStore();
  const settings = new SettingsStore((message) => log.warn(`Source Check: ${message}`));
  const openTextByPath = (file: string): string | undefined => {
    const key = pathKey(file);
    for (const document of documents.all()) {
      const open = uriToPath(document.uri);
      if (open && pathKey(open) === key) return document.getText();
    }
    return undefined;
  };
  const factBases = new FactBaseStore(openTextByPath);
  const factReloads = new Scheduler((key, error) => log.error(`Source Check: reloading facts for ${key} failed`, error));

  let support: ClientSupport | undefined;
  let workspaceFolderEvents = false;
  let checks: CheckService | undefined;
  let factFiles: FactFiles | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  /** URIs whose diagnostics a workspace check pushed while the client pulls (cleared when they open). */
  const pushedByWorkspaceCheck = new Set<string>();

  const sendStatus = (): void => {
    if (!checks) return;
    const open = new Set(documents.all().map((d) => d.uri));
    const status = buildStatus(settings.for(undefined).enable, factBases.all(), checks.latest().filter((e) => open.has(e.uri)));
    void connection.sendNotification(statusNotification, status).catch(() => undefined);
  };

  const push = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): void => {
    const params = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
    void connection.sendDiagnostics(params).catch((e: unknown) => log.error('Source Check: publishing diagnostics failed', e));
  };

  /** Facts or settings changed: re-check the open drafts and have a pulling client pull again. */
  const refreshAll = (): void => {
    if (!checks || !support) return;
    checks.recheckAll();
    if (support.pullDiagnostics && support.diagnosticRefresh) {
      connection.languages.diagnostics.refresh();
    }
  };

  const reloadFacts = (files: string[]): void => {
    if (!factBases.filesChanged(files)) return;
    factBases.reloadDirty();
    factFiles?.sync();
    refreshAll();
    sendStatus();
  };

  connection.onInitialize((params): InitializeResult => {
    support = clientSupport(params.capabilities);
    // Editors other than VS Code do not send it; they trust the workspace they were started in.
    factBases.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    settings.setFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
    factFiles = new FactFiles(connection, support, factBases, log);
    checks = new CheckService(documents, settings, factBases, log, support.pullDiagnostics, {
      push,
      checked: () => {
        factFiles?.sync();
        sendStatus();
      },
    });
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sourcecheck-ls', version: VERSION },
    };
    if (support.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'sourcecheck', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(guardNotification(log, 'initialized', async () => {
    if (!support) return;
    if (support.configuration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcecheck' }).catch(() => undefined);
      try {
        await settings.pull(connection);
      } catch (error) {
        log.error('Source Check: reading the settings failed; using the defaults', error);
      }
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(guardNotification(log, 'didChangeWorkspaceFolders', async (event) => {
        const current = settings.folderPaths().map((p) => ({ uri: pathToUri(p), name: p }));
        const removed = new Set(event.removed.map((f) => f.uri));
        settings.setFolders([...current.filter((f) => !removed.has(f.uri)), ...event.added]);
        if (support?.configuration) await settings.pull(connection);
        factBases.invalidateAll();
        refreshAll();
      }));
    }
    factFiles?.updateWatchers();
    markReady();
    // Drafts opened before the settings arrived were held back; check them now.
    refreshAll();
  }));

  connection.onDidChangeConfiguration(guardNotification(log, 'didChangeConfiguration', async (params) => {
    if (support?.configuration) await settings.pull(connection);
    else settings.accept(params.settings);
    factBases.invalidateAll();
    refreshAll();
    factFiles?.sync();
    sendStatus();
  }));

  connection.onDidChangeWatchedFiles(guardNotification(log, 'didChangeWatchedFiles', (params) => {
    const files = params.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => f !== undefined);
    reloadFacts(files);
  }));

  documents.documents.onDidOpen(guardNotification(log, 'didOpen', async ({ document }) => {
    await ready;
    const file = uriToPath(document.uri);
    if (isDraft(document)) {
      if (support?.pullDiagnostics && pushedByWorkspaceCheck.delete(document.uri)) push(document.uri, undefined, []);
      checks?.opened(document);
      // A Markdown source note is a draft and a fact input at once.
      if (file && factBases.isFactFile(file)) reloadFacts([file]);
      return;
    }
    if (file && factFiles?.isFactFile(file)) reloadFacts([file]);
  }));

  documents.documents.onDidChangeContent(guardNotification(log, 'didChange', async ({ document }) => {
    await ready;
    const file = uriToPath(document.uri);
    if (isDraft(document)) checks?.changed(document);
    if (file && (isDraft(document) ? factBases.isFactFile(file) : factFiles?.isFactFile(file))) {
      factReloads.schedule(document.uri, settings.for(file).debounceMs, () => reloadFacts([file]));
    }
  }));

  documents.documents.onDidSave(guardNotification(log, 'didSave', ({ document }) => {
    if (isDraft(document)) checks?.saved(document);
  }));

  documents.documents.onDidClose(guardNotification(log, 'didClose', ({ document }) => {
    // The editor's unsaved text of a fact input no longer applies; the file on disk does.
    const file = uriToPath(document.uri);
    factReloads.cancel(document.uri);
    if (isDraft(document)) {
      checks?.closed(document.uri);
      sendStatus();
      if (file && factBases.isFactFile(file)) reloadFacts([file]);
      return;
    }
    if (file && factFiles?.isFactFile(file)) reloadFacts([file]);
  }));

  connection.languages.diagnostics.on(guardRequest(log, 'textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
    await ready;
    const report = await checks?.pullReport(params.textDocument.uri, token);
    if (!report) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  }));

  connection.onHover(guardRequest(log, 'textDocument/hover', null, async (params, token) => {
    await ready;
    const entry = await checks?.current(params.textDocument.uri, token);
    if (!entry?.result || !entry.base) return null;
    return hoverAt(entry.result.statements, entry.base, params.position, support?.markdownHover ?? true);
  }));

  connection.onCodeAction(guardRequest(log, 'textDocument/codeAction', [], async (params, token) => {
    await ready;
    const document = documents.get(params.textDocument.uri);
    if (!document || !isDraft(document)) return [];
    const entry = await checks?.current(params.textDocument.uri, token);
    return codeActionsFor(params, document, entry?.result?.findings);
  }));

  connection.onDocumentLinks(guardRequest(log, 'textDocument/documentLink', [], async (params, token) => {
    await ready;
    const entry = await checks?.current(params.textDocument.uri, token);
    return entry?.result ? citationLinks(entry.result.citations) : [];
  }));

  connection.onRequest(recheckRequest, guardRequest(log, 'sourcecheck/recheck', undefined, async () => {
    await ready;
    if (support?.configuration) await settings.pull(connection);
    factBases.invalidateAll();
    factBases.reloadDirty();
    factFiles?.sync();
    refreshAll();
    sendStatus();
  }));

  connection.onRequest(checkWorkspaceRequest, async (_params, token) => {
    await ready;
    if (!checks) return { files: 0, findings: 0, skipped: [] };
    try {
      return await checkWorkspace(
        {
          settings,
          factBases,
          checks,
          isOpen: (uri) => documents.get(uri) !== undefined,
          publish: (uri, diagnostics) => {
            if (support?.pullDiagnostics) pushedByWorkspaceCheck.add(uri);
            push(uri, undefined, diagnostics);
          },
          progress: (done, total) => void connection.sendNotification(checkWorkspaceProgress, { done, total }).catch(() => undefined),
        },
        token,
      );
    } finally {
      factFiles?.sync();
      sendStatus();
    }
  });

  connection.onRequest(factFilesRequest, guardRequest(log, 'sourcecheck/factFiles', [] as string[], async () => {
    await ready;
    if (factBases.all().length === 0) {
      // No draft checked yet: load what the workspace folders' configurations name.
      const folders = settings.folderPaths();
      if (folders.length === 0) factBases.entryFor(undefined, undefined, settings.for(undefined));
      for (const folder of folders) factBases.entryFor(undefined, folder, settings.for(folder));
      factFiles?.sync();
    }
    const uris = new Set<string>();
    for (const entry of factBases.all()) {
      if (entry.configPath) uris.add(pathToUri(entry.configPath));
      for (const file of entry.factFiles) uris.add(pathToUri(file));
    }
    return [...uris].sort();
  }));

  connection.onShutdown(() => {
    checks?.dispose();
    factReloads.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

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
