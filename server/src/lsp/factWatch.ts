/**
 * Fact files as part of the workspace: file watchers for `.sourcecheck.yaml` and the fact files,
 * reloading when they change on disk or in the editor, and their problems as diagnostics in them.
 */
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  type Connection,
  type Diagnostic,
  type Disposable,
  type FileSystemWatcher,
} from 'vscode-languageserver/node';
import { CONFIG_FILE } from '../node/workspace';
import type { ClientSupport, Logger } from './context';
import { fileDiagnosticToLsp } from './diagnostics';
import type { FactBaseStore } from './factBase';
import { pathToUri } from './uris';

/** Publishes fact-file diagnostics and keeps the client's file watchers in line with the fact files in use. */
export class FactFiles {
  private registration: Promise<Disposable> | undefined;
  private registeredFor = '';
  private published = new Map<string, string>();
  private stamp = '';

  constructor(
    private readonly connection: Connection,
    private readonly support: ClientSupport,
    private readonly factBases: FactBaseStore,
    private readonly log: Logger,
  ) {}

  /**
   * Called after checks and reloads: when any fact base was (re)loaded since the last call, publishes
   * the fact-file diagnostics and updates the watchers. Returns whether anything was (re)loaded.
   */
  sync(): boolean {
    const stamp = this.factBases.all().map((e) => `${e.key}@${e.generation}`).join('|');
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    this.publishDiagnostics();
    this.updateWatchers();
    return true;
  }

  /**
   * Fact diagnostics are always pushed: a pulling client pulls only the documents its selector
   * covers (Markdown), and pushing into YAML files cannot duplicate a pulled report.
   */
  private publishDiagnostics(): void {
    const next = new Map<string, string>();
    for (const [file, list] of this.factBases.fileDiagnostics()) {
      const uri = pathToUri(file);
      const diagnostics: Diagnostic[] = list.map(fileDiagnosticToLsp);
      const json = JSON.stringify(diagnostics);
      next.set(uri, json);
      if (this.published.get(uri) !== json) void this.connection.sendDiagnostics({ uri, diagnostics }).catch((e: unknown) => this.log.error('Source Check: publishing diagnostics failed', e));
    }
    for (const uri of this.published.keys()) {
      if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((e: unknown) => this.log.error('Source Check: publishing diagnostics failed', e));
    }
    this.published = next;
  }

  /** Registers watchers for configuration files, YAML files, and every fact file outside those globs. */
  updateWatchers(): void {
    if (!this.support.watchedFilesDynamic) return;
    const watchers: FileSystemWatcher[] = [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: '**/*.{yaml,yml}' }];
    // The globs only cover the workspace folders; fact files may live elsewhere (the bundled seed, a
    // shared fact directory), so each one in use gets its own watcher too.
    for (const file of this.factBases.watchedFiles()) {
      watchers.push(
        this.support.watchedFilesRelative
          ? { globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: path.basename(file) } }
          : { globPattern: file.split(path.sep).join('/') },
      );
    }
    const key = JSON.stringify(watchers);
    if (key === this.registeredFor) return;
    this.registeredFor = key;
    const previous = this.registration;
    this.registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.registration.catch((e: unknown) => this.log.error('Source Check: registering file watchers failed', e));
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }

  /** Whether `file` is a configuration or fact file (so a change to it reloads facts). */
  isFactFile(file: string): boolean {
    return this.factBases.isFactFile(file) || path.basename(file) === CONFIG_FILE;
  }
}
