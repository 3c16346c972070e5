/**
 * Source Check's own LSP messages, shared by the client and the server (one file, typed once).
 */
import { NotificationType, RequestType, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';

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

/** Client -> server: the sources and facts of the active draft's fact base, for the Sources view. */
export const sourcesRequest = new RequestType<SourcesParams, SourcesResult, void>('sourcecheck/sources');

/** Parameters of {@link sourcesRequest}. */
export interface SourcesParams {
  /** The draft whose statements give each fact its status. */
  uri: string;
}

/** What a fact is in the draft: every statement that speaks to it agrees, one disagrees, one lacks the right citation, or none speaks to it. */
export type FactStatus = 'agrees' | 'disagrees' | 'uncited' | 'unused';

/** A fact in the Sources view. */
export interface SourcesViewFact {
  id: string;
  statement: string;
  status: FactStatus;
  /** The value as the source states it, when the fact has one. */
  value?: string;
  /** Where the source says it. */
  quote: { uri: string; range: Range; text: string };
  /** The draft's statements that speak to it, in document order. */
  statements: Range[];
}

/** A source in the Sources view, with the facts it backs. */
export interface SourcesViewSource {
  id: string;
  name: string;
  url: string;
  facts: SourcesViewFact[];
}

/** The answer to {@link sourcesRequest}. */
export interface SourcesResult {
  uri: string;
  /** False when the draft is not open, not checked (disabled, too large) or has no fact base. */
  checked: boolean;
  sources: SourcesViewSource[];
}

/** Client -> server: turn the selected sentence of a document into a fact in the workspace fact file. */
export const addFactRequest = new RequestType<AddFactParams, AddFactResult, void>('sourcecheck/addFact');

/** Parameters of {@link addFactRequest}. */
export interface AddFactParams {
  uri: string;
  range: Range;
}

/** The answer to {@link addFactRequest}: the edit that appends the fact (not applied yet), or why there is none. */
export type AddFactResult =
  | { factId: string; factFile: string; edit: WorkspaceEdit; factRange: Range; valueText?: string; parties: string[] }
  | { error: string };

/**
 * The server's command behind the "Add fact from selection" code action, `[uri, range]`: it applies
 * the {@link addFactRequest} edit through `workspace/applyEdit` and shows the fact file at the new fact
 * (`window/showDocument`), so that the action works in any editor.
 */
export const ADD_FACT_SERVER_COMMAND = 'sourcecheck.addFact';
