/**
 * The "Source Check" output channel. The language client writes the server's log and the LSP trace
 * (`sourcecheck.trace.server`) to it; the client adds its own lines in the same format.
 */
import * as vscode from 'vscode';

/** The extension's one output channel. */
export class Output implements vscode.Disposable {
  /** Handed to the language client as its `outputChannel`. */
  readonly channel: vscode.OutputChannel = vscode.window.createOutputChannel('Source Check');

  /** Logs an informational line. */
  info(message: string): void {
    this.write('Info ', message);
  }

  /** Logs an error, with the error's message or stack. */
  error(message: string, error?: unknown): void {
    this.write('Error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  /** Reveals the channel without taking focus from the editor. */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: string, message: string): void {
    // Same shape as vscode-languageclient's own lines, so the channel reads as one log.
    this.channel.appendLine(`[${level} - ${new Date().toLocaleTimeString()}] ${message}`);
  }
}

/** A one-line description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
