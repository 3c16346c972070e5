/**
 * What the language status items say, computed from the server's state and its last status
 * notification. No `vscode` import: the wording is unit-tested outside the editor.
 */
import type { CheckWorkspaceResult, StatusParams } from '../../server/src/lspExt';

/** The language client's state, as the status shows it. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** Mirrors `vscode.LanguageStatusSeverity`. */
export type Severity = 'information' | 'warning' | 'error';

/** Command ids the items link to. */
export type StatusCommand =
  | 'sourcecheck.recheck'
  | 'sourcecheck.openFactBase'
  | 'sourcecheck.restart'
  | 'sourcecheck.showOutput'
  | 'sourcecheck.showSources'
  | 'workbench.action.openSettings';

/** One language status item's content. */
export interface ItemView {
  text: string;
  detail: string;
  severity: Severity;
  busy: boolean;
  command?: { title: string; command: StatusCommand; arguments?: unknown[] };
}

/** Both items: the fact base, and the findings in the active file. */
export interface StatusView {
  facts: ItemView;
  findings: ItemView;
}

/** Everything the view depends on. */
export interface StatusInput {
  state: ServerState;
  /** The last status notification since the server (re)started. */
  status: StatusParams | undefined;
  /** The active editor's document URI, as the server names documents. */
  activeUri: string | undefined;
  /** Whether the workspace is trusted (in Restricted Mode only the bundled facts are used). */
  trusted: boolean;
  /** A recheck or workspace check is in flight. */
  busy: boolean;
}

const RECHECK = { title: 'Recheck', command: 'sourcecheck.recheck' } as const;
const OPEN_FACTS = { title: 'Open fact base', command: 'sourcecheck.openFactBase' } as const;
const SHOW_SOURCES = { title: 'Show sources', command: 'sourcecheck.showSources' } as const;
const RESTART = { title: 'Restart server', command: 'sourcecheck.restart' } as const;
const SHOW_OUTPUT = { title: 'Show output', command: 'sourcecheck.showOutput' } as const;
const ENABLE_SETTING = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['sourcecheck.enable'] } satisfies ItemView['command'];

/** "1 fact", "2 facts". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning", or "no problems". */
export function describeFindings(counts: { errors: number; warnings: number; hints: number }): string {
  const parts = [
    counts.errors > 0 ? plural(counts.errors, 'error') : '',
    counts.warnings > 0 ? plural(counts.warnings, 'warning') : '',
    counts.hints > 0 ? plural(counts.hints, 'hint') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

/** The items' content for a state. */
export function statusView(input: StatusInput): StatusView {
  const restricted = input.trusted ? '' : ' Restricted Mode: only the bundled seed facts are used.';
  if (input.state === 'stopped') {
    return {
      facts: { text: 'Source Check: server stopped', detail: `See the output for why.${restricted}`, severity: 'error', busy: false, command: RESTART },
      findings: { text: 'not checked', detail: 'The server is not running', severity: 'information', busy: false, command: SHOW_OUTPUT },
    };
  }
  const status = input.status;
  if (input.state === 'starting' || status === undefined) {
    return {
      facts: { text: 'Source Check: starting…', detail: restricted.trim(), severity: 'information', busy: true, command: SHOW_OUTPUT },
      findings: { text: 'checking…', detail: '', severity: 'information', busy: true },
    };
  }
  if (!status.enabled) {
    return {
      facts: { text: 'Source Check: disabled', detail: 'Turn on sourcecheck.enable to check drafts.', severity: 'information', busy: false, command: ENABLE_SETTING },
      findings: { text: 'not checked', detail: 'Checking is disabled', severity: 'information', busy: false },
    };
  }

  const files = plural(status.factFiles.length, 'fact file');
  const facts: ItemView = status.factErrors > 0
    ? {
        text: 'Source Check: fact file errors — using last good facts',
        detail: `${plural(status.factErrors, 'problem')} in fact files; ${plural(status.factCount, 'fact')} from ${files} in use.${restricted}`,
        severity: 'error',
        busy: input.busy,
        command: OPEN_FACTS,
      }
    : {
        text: `Source Check: ${plural(status.factCount, 'fact')}`,
        detail: `From ${files}.${restricted}`,
        severity: 'information',
        busy: input.busy,
        command: SHOW_SOURCES,
      };

  const document = input.activeUri === undefined ? undefined : status.documents.find((d) => d.uri === input.activeUri);
  const findings: ItemView = document
    ? { text: describeFindings(document), detail: 'In this file', severity: 'information', busy: input.busy, command: RECHECK }
    : { text: 'not checked yet', detail: 'This file has no results yet', severity: 'information', busy: input.busy, command: RECHECK };
  return { facts, findings };
}

/** The summary after "Check all drafts in workspace": "Source Check: checked 12 drafts, 3 findings (1 file skipped)." */
export function describeWorkspaceCheck(result: CheckWorkspaceResult): string {
  const skipped = result.skipped.length > 0 ? ` (${plural(result.skipped.length, 'file')} skipped)` : '';
  const findings = result.findings === 0 ? 'no findings' : plural(result.findings, 'finding');
  return `Source Check: checked ${plural(result.files, 'draft')}, ${findings}${skipped}.`;
}
