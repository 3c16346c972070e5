/**
 * Language status items for Markdown: the fact base in use (with its errors) and the findings in the
 * active file, fed by the server's `sourcecheck/status` notification and the client's state.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lspExt';
import type { ServerConnection } from './client';
import { statusView, type ItemView, type Severity } from './statusView';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

const SEVERITY: Record<Severity, vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

/** The two language status items and the state they show. */
export class StatusItems implements vscode.Disposable {
  private readonly facts = vscode.languages.createLanguageStatusItem('sourcecheck.facts', SELECTOR);
  private readonly findings = vscode.languages.createLanguageStatusItem('sourcecheck.findings', SELECTOR);
  private readonly disposables: vscode.Disposable[] = [this.facts, this.findings];
  private status: StatusParams | undefined;
  private pending = 0;

  constructor(private readonly server: ServerConnection) {
    this.facts.name = 'Source Check: fact base';
    this.findings.name = 'Source Check: findings';
    this.disposables.push(
      server.onStatus((status) => {
        this.status = { ...status, documents: status.documents.map((d) => ({ ...d, uri: normalizeUri(d.uri) })) };
        this.render();
      }),
      server.onDidChangeState((state) => {
        // Counts from a server that stopped or is starting again no longer hold.
        if (state !== 'running') this.status = undefined;
        this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
    );
    this.render();
  }

  /** Shows the items as busy while `work` runs (a recheck or a workspace check). */
  async busyWhile<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    this.render();
    try {
      return await work();
    } finally {
      this.pending--;
      this.render();
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private render(): void {
    const view = statusView({
      state: this.server.state,
      status: this.status,
      activeUri: activeDocumentUri(),
      trusted: vscode.workspace.isTrusted,
      busy: this.pending > 0,
    });
    apply(this.facts, view.facts);
    apply(this.findings, view.findings);
  }
}

function apply(item: vscode.LanguageStatusItem, view: ItemView): void {
  item.text = view.text;
  item.detail = view.detail;
  item.severity = SEVERITY[view.severity];
  item.busy = view.busy;
  item.command = view.command && { title: view.command.title, command: view.command.command, arguments: view.command.arguments };
}

/** A URI string in VS Code's canonical form, so the server's and the editor's spellings compare equal. */
function normalizeUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri, true).toString();
  } catch {
    return uri;
  }
}

/** The active document's URI as the server names it (the client sends `Uri.toString()`). */
function activeDocumentUri(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.toString();
}
