/**
 * The "Source Check: ..." commands. Each talks to the server through Source Check's own LSP messages
 * (`server/src/lspExt.ts`); results that are diagnostics reach the Problems panel from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addFactRequest, checkWorkspaceRequest, factFilesRequest, recheckRequest, type CheckWorkspaceResult, type SourcesViewFact } from '../../server/src/lspExt';
import type { ServerConnection } from './client';
import { describeError, type Output } from './output';
import type { StatusItems } from './status';
import { openSourceFact, OPEN_SOURCE_FACT, SOURCES_VIEW_ID, type SourcesView } from './sourcesView';
import { describeWorkspaceCheck, plural } from './statusView';

/** Command ids, as contributed in package.json. */
export const COMMANDS = {
  recheck: 'sourcecheck.recheck',
  openFactBase: 'sourcecheck.openFactBase',
  checkWorkspace: 'sourcecheck.checkWorkspace',
  restart: 'sourcecheck.restart',
  showOutput: 'sourcecheck.showOutput',
  addFactFromSelection: 'sourcecheck.addFactFromSelection',
  refreshSources: 'sourcecheck.refreshSources',
  showSources: 'sourcecheck.showSources',
  openSourceFact: OPEN_SOURCE_FACT,
} as const;

/** What the commands act on. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  server: ServerConnection;
  output: Output;
  status: StatusItems;
  sources: SourcesView;
}

/** Registers every command; the registrations are disposed with the extension. */
export function registerCommands(ctx: CommandContext): void {
  let checking = false;
  const register = (id: string, run: (...args: unknown[]) => Promise<void>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (error) {
        ctx.output.error(`${id} failed`, error);
        void vscode.window.showErrorMessage(`Source Check: ${describeError(error)}`, 'Show output').then((choice) => {
          if (choice) ctx.output.show();
        });
      }
    });

  ctx.extension.subscriptions.push(
    register(COMMANDS.recheck, () => ctx.status.busyWhile(() => ctx.server.sendRequest(recheckRequest, {}))),
    register(COMMANDS.openFactBase, () => openFactBase(ctx)),
    register(COMMANDS.checkWorkspace, async () => {
      if (checking) {
        void vscode.window.showInformationMessage('Source Check is already checking the workspace.');
        return;
      }
      checking = true;
      try {
        await ctx.status.busyWhile(() => checkWorkspace(ctx));
      } finally {
        checking = false;
      }
    }),
    register(COMMANDS.restart, () => ctx.server.restart()),
    register(COMMANDS.showOutput, async () => ctx.output.show()),
    register(COMMANDS.addFactFromSelection, () => addFactFromSelection(ctx)),
    register(COMMANDS.refreshSources, () => ctx.sources.refresh()),
    register(COMMANDS.showSources, async () => {
      await vscode.commands.executeCommand(`${SOURCES_VIEW_ID}.focus`);
      await ctx.sources.refresh();
    }),
    register(COMMANDS.openSourceFact, (uri, fact) => openSourceFact(typeof uri === 'string' ? uri : undefined, fact as SourcesViewFact)),
  );
}

/**
 * Turns the selected sentence into a fact in the workspace fact file: the server drafts and validates
 * it; the edit is applied and saved here, and the fact file is shown at the new fact. The server then
 * reloads the fact file and re-checks the drafts.
 */
async function addFactFromSelection(ctx: CommandContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Source Check writes no fact files in Restricted Mode. Trust the workspace to add facts.');
    return;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Select the sentence to turn into a fact first.');
    return;
  }
  const client = ctx.server.client;
  if (!client) throw new Error('The Source Check server is not running.');
  if (editor.document.isDirty) await editor.document.save();
  const { start, end } = editor.selection;
  const result = await ctx.server.sendRequest(addFactRequest, {
    uri: editor.document.uri.toString(),
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
  });
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Source Check: ${result.error}`);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit to the fact file');
  const factFile = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.factFile, true));
  await factFile.save();
  const range = client.protocol2CodeConverter.asRange(result.factRange);
  const shown = await vscode.window.showTextDocument(factFile, { selection: new vscode.Selection(range.start, range.start), preview: false });
  shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  ctx.output.info(`Added fact ${result.factId} to ${vscode.workspace.asRelativePath(factFile.uri)}`);
}

async function openFactBase(ctx: CommandContext): Promise<void> {
  const uris = (await ctx.server.sendRequest(factFilesRequest, {})).map((uri) => vscode.Uri.parse(uri, true));
  if (uris.length === 0) {
    void vscode.window.showInformationMessage('Source Check is using no fact files.');
    return;
  }
  let target = uris[0];
  if (uris.length > 1) {
    const picked = await vscode.window.showQuickPick(
      uris.map((uri) => ({ label: path.basename(uri.path), description: describeLocation(uri, ctx.extension.extensionUri), uri })),
      { title: 'Source Check: Open fact base', placeHolder: 'Fact file to open', matchOnDescription: true },
    );
    target = picked?.uri;
  }
  if (target) await vscode.window.showTextDocument(target, { preview: false });
}

/** Where a fact file lives, for the quick pick: bundled with the extension, or workspace-relative. */
function describeLocation(uri: vscode.Uri, extensionUri: vscode.Uri): string {
  if (uri.scheme === extensionUri.scheme && uri.path.startsWith(`${extensionUri.path}/`)) return 'bundled seed facts';
  return vscode.workspace.asRelativePath(uri, true);
}

async function checkWorkspace(ctx: CommandContext): Promise<void> {
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Source Check: checking drafts', cancellable: true },
    async (progress, token): Promise<CheckWorkspaceResult | 'cancelled'> => {
      let reported = 0;
      const listener = ctx.server.onCheckWorkspaceProgress(({ done, total }) => {
        const percent = total > 0 ? Math.min(100, (done / total) * 100) : 100;
        progress.report({ increment: percent - reported, message: `${done} of ${plural(total, 'file')}` });
        reported = percent;
      });
      // The request is cancelled through the token; the notification closes at once rather than waiting for the server to stop.
      let onCancel: vscode.Disposable | undefined;
      const cancelled = new Promise<'cancelled'>((resolve) => {
        onCancel = token.onCancellationRequested(() => resolve('cancelled'));
      });
      try {
        return await Promise.race([ctx.server.sendRequest(checkWorkspaceRequest, {}, token), cancelled]);
      } catch (error) {
        if (token.isCancellationRequested) return 'cancelled';
        throw error;
      } finally {
        listener.dispose();
        onCancel?.dispose();
      }
    },
  );
  if (outcome === 'cancelled') {
    ctx.output.info('Workspace check cancelled');
    return;
  }
  for (const skipped of outcome.skipped) ctx.output.info(`Skipped ${skipped.uri}: ${skipped.reason}`);
  const actions = ['Open Problems', ...(outcome.skipped.length > 0 ? ['Show skipped'] : [])];
  const choice = await vscode.window.showInformationMessage(describeWorkspaceCheck(outcome), ...actions);
  if (choice === 'Open Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice === 'Show skipped') ctx.output.show();
}
