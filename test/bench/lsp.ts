/**
 * Language-server figures, over the standard protocol on stdio: start-up to the first diagnostics,
 * one-character incremental edits to the diagnostics of their version, and memory with many drafts
 * open. The server is `dist/server.js --stdio`; settings are answered through
 * `workspace/configuration` with the check debounce set to 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FactBase } from '../../server/src/engine/types';
import { repoRoot } from './cli';
import { applyEdit, draftOfWords, editScript } from './engine';
import { generateDraft, seedStatements } from './generate';
import { median, percentile } from './stats';

/** The built language server, if there is one. */
export function serverPath(): string | undefined {
  const file = path.join(repoRoot(), 'dist', 'server.js');
  return existsSync(file) ? file : undefined;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

/** A minimal LSP client: framing, requests, the server's requests, and waiting for diagnostics. */
export class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly waiters: Array<{ test: (p: PublishDiagnostics) => boolean; resolve: (p: PublishDiagnostics) => void }> = [];
  private exited: Promise<void>;
  /** Settings answered for every `workspace/configuration` item. */
  settings: Record<string, unknown> = { debounceMs: 0 };

  constructor(readonly process: ChildProcess) {
    process.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    process.stderr?.on('data', () => undefined);
    this.exited = new Promise((resolve) => process.on('exit', () => resolve()));
    process.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`server exited (${code})`));
    });
  }

  /** Starts `node <server> --stdio`. */
  static start(server: string): LspClient {
    return new LspClient(spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return promise;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first `publishDiagnostics` from now on that satisfies `test`. */
  diagnostics(test: (p: PublishDiagnostics) => boolean): Promise<PublishDiagnostics> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** initialize + initialized, with a workspace folder and push diagnostics with versions. */
  async initialize(rootPath: string): Promise<void> {
    const rootUri = pathToFileURL(rootPath).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
      },
    });
    this.notify('initialized', {});
  }

  /** Opens a Markdown document and resolves when its first diagnostics arrive. */
  open(uri: string, text: string): Promise<PublishDiagnostics> {
    const done = this.diagnostics((p) => p.uri === uri && (p.version === undefined || p.version >= 1));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return done;
  }

  async shutdown(): Promise<void> {
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      // Already gone.
    }
    await this.exited;
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin?.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isFinite(length) || this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server.
      let result: unknown = null;
      if (message.method === 'workspace/configuration') {
        const items = (message.params as { items: unknown[] }).items;
        result = items.map(() => this.settings);
      } else if (message.method === 'workspace/workspaceFolders') {
        result = null;
      }
      this.send({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as PublishDiagnostics;
      for (let i = 0; i < this.waiters.length; i++) {
        const waiter = this.waiters[i] as (typeof this.waiters)[number];
        if (!waiter.test(params)) continue;
        this.waiters.splice(i, 1);
        i--;
        waiter.resolve(params);
      }
      return;
    }
    if (message.id !== undefined && message.method === undefined) {
      const waiter = this.pending.get(Number(message.id));
      if (!waiter) return;
      this.pending.delete(Number(message.id));
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    }
  }
}

/** Resident memory of a process in MB (Linux `/proc`), or NaN elsewhere. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

function uriOf(dir: string, name: string): string {
  return pathToFileURL(path.join(dir, name)).href;
}

/** Spawn to the first diagnostics of a draft of `size` characters; the median of `runs` starts. */
export async function coldStart(server: string, base: FactBase, dir: string, size: number, runs: number): Promise<number> {
  const text = generateDraft({ size, seed: 21, seeds: seedStatements(base) });
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const client = LspClient.start(server);
    await client.initialize(dir);
    await client.open(uriOf(dir, 'cold.md'), text);
    const ms = performance.now() - start;
    await client.shutdown();
    // The first start warms the disk cache and is not counted.
    if (i > 0) times.push(ms);
  }
  return median(times);
}

/** From each one-character `didChange` to the diagnostics of its version, on a draft of `words` words. */
export async function edits(server: string, base: FactBase, dir: string, words: number, count: number): Promise<{ p50: number; p95: number }> {
  let text = draftOfWords(seedStatements(base), words, 9);
  const client = LspClient.start(server);
  try {
    await client.initialize(dir);
    const uri = uriOf(dir, 'edits.md');
    await client.open(uri, text);
    const lineStarts = [0];
    const positionAt = (offset: number): { line: number; character: number } => {
      let line = 0;
      while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= offset) line++;
      return { line, character: offset - (lineStarts[line] as number) };
    };
    const latencies: number[] = [];
    let version = 1;
    // Warm-up edits first (typed and deleted again), then the measured ones.
    const script = [...editScript(text, 20), ...editScript(text, count)];
    for (let i = 0; i < script.length; i++) {
      const edit = script[i] as ReturnType<typeof editScript>[number];
      lineStarts.length = 1;
      for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
      const range = { start: positionAt(edit.offset), end: positionAt(edit.offset + edit.deleteCount) };
      text = applyEdit(text, edit);
      version++;
      const expected = version;
      const start = performance.now();
      const done = client.diagnostics((p) => p.uri === uri && p.version === expected);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.insert }] });
      await done;
      if (i >= 20) latencies.push(performance.now() - start);
    }
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
  } finally {
    await client.shutdown();
  }
}

/**
 * Server resident memory right after the diagnostics of the last of `count` drafts of `size`
 * characters, and again after the server has been idle for `idleMs` (V8 gives memory back then).
 */
export async function memory(server: string, base: FactBase, dir: string, count: number, size: number, idleMs: number): Promise<{ atOnce: number; idle: number }> {
  const client = LspClient.start(server);
  try {
    await client.initialize(dir);
    const seeds = seedStatements(base);
    for (let i = 0; i < count; i++) await client.open(uriOf(dir, `open-${i}.md`), generateDraft({ size, seed: 300 + i, seeds }));
    const atOnce = rssMb(client.process.pid as number);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { atOnce, idle: rssMb(client.process.pid as number) };
  } finally {
    await client.shutdown();
  }
}

