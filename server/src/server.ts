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
  type Range,
} from 'vscode-languageserver/node';
import { addFactRequest, type AddFactResult, checkWorkspaceProgress, checkWorkspaceRequest, factFilesRequest, recheckRequest, ADD_FACT_SERVER_COMMAND, sourcesRequest, statusNotification } from './lspExt';
import { ADD_FACT_KIND, addFactAction, addFactFromSelection } from './lsp/addFact';
import { CITATION_TRIGGERS, citationCompletions } from './lsp/completion';
import { definitionAt } from './lsp/definition';
import { verifiedMarks } from './lsp/inlayHints';
import { factAtEntry, factsAtStatement, referencesOf } from './lsp/references';
import { sourcesView } from './lsp/sourcesView';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { readTextFileSync } from './node/files';
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
import { checkWorkspace, recordEntry, refreshIndex, type WorkspaceCheckDeps } from './lsp/workspaceCheck';
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
  const index = new WorkspaceIndex();
  /** A file's text as the editor has it, else as the disk has it. */
  const readText = (file: string): string | undefined => {
    const open = openTextByPath(file);
    if (open !== undefined) return open;
    const read = readTextFileSync(file);
    return 'text' in read ? read.text : undefined;
  };
  const lineOf = (uri: string, line: number): string => documents.get(uri)?.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '') ?? '';

  let support: ClientSupport | undefined;
  let workspaceFolderEvents = false;
  let checks: CheckService | undefined;
  let factFiles: FactFiles | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  /** URIs whose diagnostics a workspace check pushed while the client pulls (cleared when they open). */
  const pushedByWorkspaceCheck = new Set<string>();

  const workspaceDeps = (): WorkspaceCheckDeps => ({
    settings,
    factBases,
    checks: checks as CheckService,
    index,
    isOpen: (uri) => documents.get(uri) !== undefined,
    openUris: () => documents.all().filter(isDraft).map((d) => d.uri),
    publish: (uri, diagnostics) => {
      if (support?.pullDiagnostics) pushedByWorkspaceCheck.add(uri);
      push(uri, undefined, diagnostics);
    },
    progress: (done, total) => void connection.sendNotification(checkWorkspaceProgress, { done, total }).catch(() => undefined),
  });

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
    // Verified marks follow the facts and the settings.
    if (support.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
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
      checked: (uri) => {
        const entry = checks?.cached(uri);
        if (entry) recordEntry(index, entry);
        factFiles?.sync();
        sendStatus();
      },
    });
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
      // The disk's text applies again; the next references request re-reads it.
      index.forget(document.uri);
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
    if (!document) return [];
    const addFact = addFactAction(params, factBases.trusted, params.context.only);
    if (!isDraft(document)) return addFact;
    const entry = await checks?.current(params.textDocument.uri, token);
    return [...codeActionsFor(params, document, entry?.result?.findings), ...addFact];
  }));

  connection.onDefinition(guardRequest(log, 'textDocument/definition', [], async (params, token) => {
    await ready;
    const entry = await checks?.current(params.textDocument.uri, token);
    if (!entry?.result || !entry.base) return [];
    return definitionAt({
      result: entry.result,
      base: entry.base,
      position: params.position,
      lineText: lineOf(params.textDocument.uri, params.position.line),
      factFiles: entry.factBase?.factFiles ?? [],
      readFactFile: readText,
    });
  }));

  connection.onReferences(guardRequest(log, 'textDocument/references', [], async (params, token) => {
    await ready;
    if (!checks) return [];
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    const file = uriToPath(uri);
    let factIds = new Set<string>();
    let base;
    if (document && isDraft(document)) {
      const entry = await checks.current(uri, token);
      if (!entry?.result || !entry.base) return [];
      factIds = factsAtStatement(entry.result, params.position);
      base = entry.base;
    } else if (file && factBases.isFactFile(file)) {
      const text = readText(file);
      for (const entry of factBases.all()) {
        if (!entry.base || text === undefined) continue;
        factIds = factAtEntry(text, params.position, entry.base);
        base = entry.base;
        if (factIds.size > 0) break;
      }
    }
    if (!base || factIds.size === 0) return [];
    await refreshIndex(workspaceDeps(), token);
    return referencesOf(factIds, index, base, params.context.includeDeclaration);
  }));

  connection.onCompletion(guardRequest(log, 'textDocument/completion', [], async (params, token) => {
    await ready;
    const document = documents.get(params.textDocument.uri);
    if (!document || !isDraft(document)) return [];
    const entry = await checks?.current(params.textDocument.uri, token);
    if (!entry?.result || !entry.base) return [];
    const text = document.getText();
    return citationCompletions({
      result: entry.result,
      base: entry.base,
      position: params.position,
      lineText: lineOf(params.textDocument.uri, params.position.line),
      text,
      end: document.positionAt(text.length),
    });
  }));

  connection.languages.inlayHint.on(guardRequest(log, 'textDocument/inlayHint', [], async (params, token) => {
    await ready;
    if (!settings.for(uriToPath(params.textDocument.uri)).verifiedMarks) return [];
    const entry = await checks?.current(params.textDocument.uri, token);
    if (!entry?.result || !entry.base) return [];
    return verifiedMarks(entry.result, entry.base, params.range);
  }));

  connection.onRequest(sourcesRequest, guardRequest(log, 'sourcecheck/sources', null, async (params, token) => {
    await ready;
    const entry = await checks?.current(params.uri, token);
    if (!entry?.result || !entry.base) return { uri: params.uri, checked: false, sources: [] };
    return sourcesView(params.uri, entry.result, entry.base);
  }));

  const addFact = (uri: string, range: Range): AddFactResult => {
    const document = documents.get(uri);
    if (!document) return { error: 'open the document first' };
    return addFactFromSelection(document, range, {
      factBases,
      entryFor: (file) => factBases.entryFor(file, settings.folderOf(file), settings.for(file)),
      readText,
    });
  };

  connection.onRequest(addFactRequest, guardRequest(log, 'sourcecheck/addFact', { error: 'adding the fact failed; see the output' }, async (params) => {
    await ready;
    return addFact(params.uri, params.range);
  }));

  connection.onExecuteCommand(guardRequest(log, 'workspace/executeCommand', null, async (params) => {
    await ready;
    if (params.command !== ADD_FACT_SERVER_COMMAND) return null;
    const [uri, range] = (params.arguments ?? []) as [string, Range];
    const result = addFact(uri, range);
    if ('error' in result) {
      void connection.window.showErrorMessage(`Source Check: ${result.error}`);
      return null;
    }
    const applied = await connection.workspace.applyEdit({ label: 'Add fact from selection', edit: result.edit });
    if (applied.applied) await connection.window.showDocument({ uri: result.factFile, selection: result.factRange, takeFocus: true });
    else void connection.window.showErrorMessage(`Source Check: the fact file was not changed${applied.failureReason ? `: ${applied.failureReason}` : ''}`);
    return null;
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
      return await checkWorkspace(workspaceDeps(), token);
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
