/**
 * Source Check for VS Code: wires the output channel, the language client, the status items and the
 * commands together. Each concern lives in its own module.
 */
import * as vscode from 'vscode';
import { ServerConnection } from './client';
import { registerCommands } from './commands';
import { Output } from './output';
import { SourcesView } from './sourcesView';
import { StatusItems } from './status';

let server: ServerConnection | undefined;

/** What the extension exports (`vscode.extensions.getExtension(...).exports`): the Sources view's tree. */
export interface SourceCheckApi {
  sourcesView: SourcesView;
}

/** Called by VS Code on the first Markdown file or in a workspace with a `.sourcecheck.yaml`. */
export async function activate(context: vscode.ExtensionContext): Promise<SourceCheckApi> {
  const output = new Output();
  server = new ServerConnection(context, output);
  const status = new StatusItems(server);
  const sources = new SourcesView(server, output);
  context.subscriptions.push(output, status, sources, { dispose: () => void server?.dispose() });
  registerCommands({ extension: context, server, output, status, sources });
  context.subscriptions.push(
    // The server learns about trust only at initialization, so granting it starts a fresh server.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
  );
  await server.start();
  return { sourcesView: sources };
}

/** Stops the server so it can shut down cleanly. */
export async function deactivate(): Promise<void> {
  const current = server;
  server = undefined;
  await current?.dispose();
}
