/**
 * A minimal LSP client for protocol tests: spawns the real bundled server (`dist/server.js --stdio`),
 * answers the server's requests (configuration, registrations, refresh), records every notification,
 * and lets a test wait for a message with a timeout instead of sleeping.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type DocumentDiagnosticReport,
  type DocumentLink,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { statusNotification, type StatusParams } from '../../../server/src/lspExt';

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundled server the tests run. */
export const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
/** How long a test waits for a message before failing. */
export const TIMEOUT_MS = 10_000;

/** Options of a test session. */
export interface SessionOptions {
  /** Declare `textDocument.diagnostic` (pull diagnostics). */
  pull: boolean;
  /** The `sourcecheck` section answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** Workspace folders, as paths. */
  folders?: string[];
  /** Start through `bin/sourcecheck-ls.js` without arguments instead of `dist/server.js --stdio`. */
  bin?: boolean;
  /** `initializationOptions` sent with `initialize`, as the VS Code client sends `{ trusted }`. */
  initializationOptions?: Record<string, unknown>;
}

interface Waiter {
  check: () => boolean;
}

/** A running server and the client side of its connection. */
export class Session {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: StatusParams[] = [];
  readonly logs: Array<{ type: MessageType; message: string }> = [];
  readonly registrations: Registration[] = [];
  refreshes = 0;
  /** `workspace/inlayHint/refresh` requests received. */
  inlayHintRefreshes = 0;
  configurationRequests = 0;
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: SessionOptions,
  ) {
    this.settings = { debounceMs: 0, ...(options.settings ?? {}) };
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.notify();
    });
    this.connection.onNotification(statusNotification, (params) => {
      this.statuses.push(params);
      this.notify();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'sourcecheck' ? this.settings : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => {
      this.inlayHintRefreshes++;
      this.notify();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Spawns the server and runs `initialize` / `initialized`. */
  static async start(options: SessionOptions): Promise<Session> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run build" first`);
    const args = options.bin ? [path.join(REPO_ROOT, 'bin', 'sourcecheck-ls.js')] : [SERVER, '--stdio'];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'pipe' });
    const session = new Session(child, options);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        workspaceFolders: true,
        inlayHint: { refreshSupport: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, dataSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const folders = (options.folders ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    session.initializeResult = await session.withTimeout(
      session.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders[0]?.uri ?? null,
        workspaceFolders: folders.length > 0 ? folders : null,
        capabilities,
        ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
      }),
      'initialize',
    );
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Opens a document. */
  async open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends an (incremental or full) change. */
  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  /** Closes a document. */
  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server that files changed on disk. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Replaces the settings and tells the server. */
  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = { debounceMs: 0, ...settings };
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { sourcecheck: this.settings } });
  }

  /** The server's process id (for reading its memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Everything the server wrote to stderr so far. */
  get stderrText(): string {
    return this.stderr;
  }

  /** `textDocument/diagnostic`. */
  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    const params = previousResultId === undefined ? { textDocument: { uri } } : { textDocument: { uri }, previousResultId };
    return this.withTimeout(this.connection.sendRequest(DocumentDiagnosticRequest.type, params), 'textDocument/diagnostic');
  }

  /** `textDocument/hover`. */
  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'textDocument/hover');
  }

  /** `textDocument/codeAction`. */
  async codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    const result = await this.withTimeout(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }), 'textDocument/codeAction');
    return (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
  }

  /** `textDocument/documentLink`. */
  async links(uri: string): Promise<DocumentLink[]> {
    return (await this.withTimeout(this.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }), 'textDocument/documentLink')) ?? [];
  }

  /** Any request, with the test timeout. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, method);
  }

  /**
   * Resolves with the first value `probe` returns (checked now and after every incoming message);
   * rejects after {@link TIMEOUT_MS} with `what` and the server's stderr.
   */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) {
            if (this.exited) {
              this.waiters.delete(waiter);
              clearTimeout(timer);
              reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
              return true;
            }
            return false;
          }
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver log: ${JSON.stringify(this.logs.slice(-5))}\n${this.stderr}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** The next `publishDiagnostics` for `uri` after the `after`-th one that satisfies `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, after = 0, timeoutMs = TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => (this.diagnostics.get(uri) ?? []).slice(after).find(accept), timeoutMs);
  }

  /** How many `publishDiagnostics` arrived for `uri` so far. */
  publishedCount(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  /** Errors the server logged. */
  errorLogs(): string[] {
    return this.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message);
  }

  /** `shutdown`, `exit`, and waits for the process to end (killing it if it does not). */
  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 3000);
      await this.connection.sendNotification(ExitNotification.type);
      await this.waitFor('server exit', () => (this.exited ? true : undefined), 3000);
    } catch {
      this.child.kill();
    } finally {
      this.connection.dispose();
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.stderr}`)), timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}

/** The `file:` URI of a path. */
export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
