/**
 * Source Check's own LSP messages, shared by the client and the server (one file, typed once).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** What the server tells the client about its state, for the language status item. */
export interface StatusParams {
  /** Whether checking is enabled by the settings. */
  enabled: boolean;
  /** Facts in the active fact base. */
  factCount: number;
  /** The fact files (and source notes) in use, as URIs. */
  factFiles: string[];
  /** Problems in fact or configuration files; while there are errors the last good base stays in use. */
  factErrors: number;
  /** Per open document: findings by severity. */
  documents: Array<{ uri: string; errors: number; warnings: number; hints: number }>;
}

/** Server -> client: the state changed. */
export const statusNotification = new NotificationType<StatusParams>('sourcecheck/status');

/** Client -> server: re-read the configuration and fact files, and re-check every open draft. */
export const recheckRequest = new RequestType<Record<string, never>, void, void>('sourcecheck/recheck');

/** Client -> server: check every Markdown draft in the workspace folders and publish the results. */
export const checkWorkspaceRequest = new RequestType<Record<string, never>, CheckWorkspaceResult, void>('sourcecheck/checkWorkspace');

/** The outcome of {@link checkWorkspaceRequest}. */
export interface CheckWorkspaceResult {
  files: number;
  findings: number;
  /** Files that could not be read, with the reason. */
  skipped: Array<{ uri: string; reason: string }>;
}

/** Server -> client during {@link checkWorkspaceRequest}: progress. */
export const checkWorkspaceProgress = new NotificationType<{ done: number; total: number }>('sourcecheck/checkWorkspaceProgress');

/** Client -> server: the fact files in use, for "Open fact base". */
export const factFilesRequest = new RequestType<Record<string, never>, string[], void>('sourcecheck/factFiles');
