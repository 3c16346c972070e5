/**
 * What every feature module shares: the connection, the stores, what the client supports, and a guard
 * that turns an exception in a handler into a logged error instead of a dead server.
 */
import { LSPErrorCodes, ResponseError, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';

/** The client capabilities the server adapts to. */
export interface ClientSupport {
  /** `textDocument/diagnostic` (pull); otherwise diagnostics are pushed. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration`. */
  configuration: boolean;
  /** Dynamic registration of `workspace/didChangeWatchedFiles`. */
  watchedFilesDynamic: boolean;
  /** Relative glob patterns in file watchers. */
  watchedFilesRelative: boolean;
  /** Markdown in hovers. */
  markdownHover: boolean;
  /** Work-done progress created by the server. */
  workDoneProgress: boolean;
  /** `workspace/inlayHint/refresh`. */
  inlayHintRefresh: boolean;
}

/** Reads what the client declared. */
export function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  const text = capabilities.textDocument;
  const workspace = capabilities.workspace;
  return {
    pullDiagnostics: !!text?.diagnostic,
    diagnosticRefresh: !!workspace?.diagnostics?.refreshSupport,
    configuration: !!workspace?.configuration,
    watchedFilesDynamic: !!workspace?.didChangeWatchedFiles?.dynamicRegistration,
    watchedFilesRelative: !!workspace?.didChangeWatchedFiles?.relativePatternSupport,
    markdownHover: text?.hover?.contentFormat?.includes('markdown') ?? true,
    workDoneProgress: !!capabilities.window?.workDoneProgress,
    inlayHintRefresh: !!workspace?.inlayHint?.refreshSupport,
  };
}

/** Logging through the client's output channel. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

/** A logger on `connection.console` that never throws (a closed connection must not crash a handler). */
export function connectionLogger(connection: Connection): Logger {
  const safe = (write: (text: string) => void, text: string): void => {
    try {
      write(text);
    } catch {
      // The connection is gone; there is nobody left to tell.
    }
  };
  return {
    error: (message, error) => safe((t) => connection.console.error(t), error === undefined ? message : `${message}: ${describeError(error)}`),
    warn: (message) => safe((t) => connection.console.warn(t), message),
    info: (message) => safe((t) => connection.console.info(t), message),
  };
}

/** An error with its stack when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Whether `error` is the cancellation of a request (which is not a failure worth logging). */
export function isCancellation(error: unknown): boolean {
  return error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled);
}

/** The error a cancelled request answers with. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Wraps a request handler: an exception is logged and the request answers `fallback` (so the client
 * keeps what it shows); cancellations pass through as cancellations.
 */
export function guardRequest<P, R, T extends unknown[]>(
  log: Logger,
  name: string,
  fallback: R,
  handler: (params: P, ...rest: T) => R | Promise<R>,
): (params: P, ...rest: T) => Promise<R> {
  return async (params, ...rest) => {
    try {
      return await handler(params, ...rest);
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.error(`Source Check: ${name} failed`, error);
      return fallback;
    }
  };
}

/** Wraps a notification handler: an exception (sync or async) is logged, never thrown. */
export function guardNotification<P>(log: Logger, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result && typeof (result as Promise<void>).catch === 'function') {
        (result as Promise<void>).catch((error: unknown) => log.error(`Source Check: ${name} failed`, error));
      }
    } catch (error) {
      log.error(`Source Check: ${name} failed`, error);
    }
  };
}
