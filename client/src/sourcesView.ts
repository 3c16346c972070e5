/**
 * The Sources view in the Explorer: the active draft's sources and their facts with their status,
 * fed by `sourcecheck/sources` and refreshed whenever the server reports a check (its status
 * notification) or another draft becomes active. Clicking a fact reveals the draft's statement, or,
 * for a fact the draft does not use, opens the source at the quote.
 */
import * as vscode from 'vscode';
import { sourcesRequest, type SourcesResult, type SourcesViewFact } from '../../server/src/lspExt';
import type { ServerConnection } from './client';
import type { Output } from './output';
import { childrenOf, describeNode, STATUS_VIEW, type SourcesNode } from './sourcesTree';

/** The view's id, as contributed in package.json. */
export const SOURCES_VIEW_ID = 'sourcecheck.sources';
/** The command a fact node runs: `[draft uri, fact]`. */
export const OPEN_SOURCE_FACT = 'sourcecheck.openSourceFact';

/** The tree data of the Sources view. */
export class SourcesView implements vscode.TreeDataProvider<SourcesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SourcesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: SourcesResult | undefined;
  private readonly view: vscode.TreeView<SourcesNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private pending: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly server: ServerConnection,
    private readonly output: Output,
  ) {
    this.view = vscode.window.createTreeView(SOURCES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      server.onStatus(() => void this.refresh()),
      server.onDidChangeState(() => void this.refresh()),
      this.view.onDidChangeVisibility(() => void this.refresh()),
    );
  }

  /** The last answer shown, for tests. */
  get current(): SourcesResult | undefined {
    return this.result;
  }

  /** Asks the server again for the active draft (one request at a time; a refresh asked meanwhile runs after). */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = this.load().finally(() => {
      this.pending = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.pending;
  }

  getTreeItem(node: SourcesNode): vscode.TreeItem {
    const { label, description, tooltip } = describeNode(node);
    if (node.kind === 'source') {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `source:${node.source.id}`;
      item.description = description;
      item.tooltip = tooltip;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'source';
      return item;
    }
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `fact:${node.source.id}:${node.fact.id}`;
    item.description = description;
    item.tooltip = new vscode.MarkdownString().appendText(tooltip);
    const look = STATUS_VIEW[node.fact.status];
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = `fact.${node.fact.status}`;
    item.command = { title: 'Open fact', command: OPEN_SOURCE_FACT, arguments: [this.result?.uri, node.fact] };
    return item;
  }

  getChildren(node?: SourcesNode): SourcesNode[] {
    return childrenOf(this.result, node);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async load(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      // Another kind of editor (the fact file, say) keeps the last draft's view.
      if (!editor) this.show(undefined);
      return;
    }
    if (this.server.state !== 'running') return;
    try {
      const result = await this.server.sendRequest(sourcesRequest, { uri: editor.document.uri.toString() });
      this.show(result.checked ? result : undefined);
    } catch (error) {
      this.output.error('Updating the Sources view failed', error);
    }
  }

  private show(result: SourcesResult | undefined): void {
    this.result = result;
    this.view.message = result ? undefined : 'Open a Markdown draft that Source Check checks to see its sources.';
    this.changed.fire(undefined);
  }
}

/** Reveals the draft's first statement of `fact`, or opens its quote when the draft does not use it. */
export async function openSourceFact(draftUri: string | undefined, fact: SourcesViewFact): Promise<void> {
  const statement = fact.statements[0];
  if (draftUri && statement) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(draftUri, true));
    const range = new vscode.Range(statement.start.line, statement.start.character, statement.end.line, statement.end.character);
    await vscode.window.showTextDocument(document, { selection: range, preview: false });
    return;
  }
  const source = await vscode.workspace.openTextDocument(vscode.Uri.parse(fact.quote.uri, true));
  const { start, end } = fact.quote.range;
  await vscode.window.showTextDocument(source, { selection: new vscode.Range(start.line, start.character, end.line, end.character), preview: true });
}
