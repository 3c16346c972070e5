/**
 * The language client: starts the bundled server (`dist/server.js`) over stdio, the same way any other
 * editor runs `sourcecheck-ls --stdio`, and re-creates it when a restart is asked for.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { checkWorkspaceProgress, statusNotification, type StatusParams } from '../../server/src/lspExt';
import type { Output } from './output';
import type { ServerState } from './statusView';
import { restrictConfiguration, type InitializationOptions } from './trust';

/** The client id: VS Code reads the trace level from `<id>.trace.server`. */
export const CLIENT_ID = 'sourcecheck';

/** Markdown drafts (saved and untitled), YAML (fact files and `.sourcecheck.yaml`) and plain-text source notes. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  // The server decides which YAML files are fact files (the config file can name any path).
  { scheme: 'file', language: 'yaml' },
  // Source notes in plain text: facts are added from their sentences ("Add fact from selection").
  { scheme: 'file', language: 'plaintext' },
];

/** Fact files and `.sourcecheck.yaml`; one watcher, as `*` also matches dot-files in VS Code globs. */
export const WATCHED_FILES = '**/{.sourcecheck.yaml,*.yaml,*.yml}';

/** Progress of a workspace check, as the server reports it. */
export interface CheckProgress {
  done: number;
  total: number;
}

/** Owns the current {@link LanguageClient} and forwards its state and Source Check's notifications. */
export class ServerConnection implements vscode.Disposable {
  private current: LanguageClient | undefined;
  /** The file watcher feeding the current client. */
  private watcher: vscode.Disposable | undefined;
  private currentState: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly progressEmitter = new vscode.EventEmitter<CheckProgress>();
  private readonly disposables: vscode.Disposable[] = [this.stateEmitter, this.statusEmitter, this.progressEmitter];

  /** Fires when the server starts, stops or crashes (languageclient restarts a crashed server itself). */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires for every `sourcecheck/status` notification. */
  readonly onStatus = this.statusEmitter.event;
  /** Fires for every `sourcecheck/checkWorkspaceProgress` notification. */
  readonly onCheckWorkspaceProgress = this.progressEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: Output,
  ) {
    // Configuration changes reach the server through the registration it makes for the `sourcecheck`
    // section; it then pulls through workspace/configuration, where Restricted Mode is applied.
  }

  /** The running client, if any. */
  get client(): LanguageClient | undefined {
    return this.current;
  }

  /** The client's state. */
  get state(): ServerState {
    return this.currentState;
  }

  /** Starts the server; failures are logged and leave the state `stopped`. */
  async start(): Promise<void> {
    this.current ??= this.create();
    try {
      await this.current.start();
    } catch (error) {
      this.output.error('Starting the Source Check server failed', error);
      this.setState('stopped');
    }
  }

  /** Restarts the server, e.g. after workspace trust was granted or it gave up after repeated crashes. */
  async restart(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.watcher?.dispose();
    if (old) {
      // A client whose start failed cannot be restarted in place, so a new one replaces it either way.
      await old.dispose().catch((error: unknown) => this.output.error('Stopping the server failed', error));
    }
    this.output.info('Restarting the Source Check server');
    await this.start();
  }

  /** Sends a request to the running server. */
  async sendRequest<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const client = this.current;
    if (!client || this.currentState === 'stopped') throw new Error('The Source Check server is not running.');
    return token ? client.sendRequest(type, params, token) : client.sendRequest(type, params);
  }

  async dispose(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    for (const disposable of this.disposables) disposable.dispose();
    this.watcher?.dispose();
    await client?.dispose();
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { fileEvents: watcher },
      outputChannel: this.output.channel,
      diagnosticCollectionName: CLIENT_ID,
      // A function, so a restart after trust is granted sends the new value.
      initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
      middleware: {
        // vscode-languageclient 9 turns a pull it cancelled itself (a newer pull replaces it after an edit
        // or a refresh) into an empty report, which blanks the squiggles until the next pull answers
        // (microsoft/vscode-languageserver-node#1471, #1799). A CancellationError instead makes it keep
        // the current diagnostics and pull again.
        provideDiagnostics: async (document, previousResultId, token, next) => {
          const report = await next(document, previousResultId, token);
          if (token.isCancellationRequested) throw new vscode.CancellationError();
          return report;
        },
        workspace: {
          configuration: async (params, token, next) => {
            const values = await next(params, token);
            if (vscode.workspace.isTrusted || !Array.isArray(values)) return values;
            return restrictConfiguration(params.items.map((item) => item.section), values);
          },
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, 'Source Check', serverOptions, clientOptions);
    client.onDidChangeState(({ newState }) => {
      if (this.current === client) this.setState(toServerState(newState));
    });
    client.onNotification(statusNotification, (params) => this.statusEmitter.fire(params));
    client.onNotification(checkWorkspaceProgress, (params) => this.progressEmitter.fire(params));
    this.watcher = watcher;
    return client;
  }

  private setState(state: ServerState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    if (state === 'stopped') this.output.info('The Source Check server stopped');
    this.stateEmitter.fire(state);
  }
}

function toServerState(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    default:
      return 'stopped';
  }
}
