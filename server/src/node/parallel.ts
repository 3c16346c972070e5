/**
 * Checking many drafts on several cores: a pool of worker threads that check (and fix) the drafts
 * they are handed. The fact base of each workspace is loaded once, on the main thread, and handed to
 * each worker the first time it gets a draft of that workspace (a structured clone: the base is plain
 * data and Maps); a worker only rebuilds the indexes derived from it, such as the lexicon. Each check
 * has a time budget: a worker that runs past it is terminated, the draft is reported as not checked,
 * and a fresh worker takes the rest. The module is also the workers' entry point: loaded in a worker
 * started by {@link CheckPool}, it serves requests.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkDocument } from '../engine/check';
import { applyFixes, fixAllEdits } from '../engine/fixes/applyFixes';
import type { CheckOptions } from '../engine/api';
import { lexiconOf } from '../engine/match/lexicon';
import type { FactBase, Finding } from '../engine/types';
import { writeFileAtomic } from './files';
import type { Workspace } from './workspace';

/** One draft to check: its text, and the workspace it belongs to. */
export interface CheckJob {
  file: string;
  text: string;
  /** The fact base and options of the draft's workspace, as the main thread loaded them. */
  workspace: CheckWorkspace;
  fix: boolean;
  /** Milliseconds the check (with its fixes) may take before the draft is reported as not checked. */
  budgetMs: number;
}

/**
 * What a check needs of a workspace. A worker is sent each one once (the pool knows them by the
 * identity of the base), so the same object should be passed for every draft of a workspace.
 */
export interface CheckWorkspace {
  base: FactBase;
  options: CheckOptions;
}

/** The findings of a draft, or why its fixes could not be written. */
export interface CheckOutcome {
  findings: Finding[];
  error?: string;
  /** Set when the check ran past its time budget ({@link error} says so). */
  notChecked?: boolean;
}

/**
 * Checks a draft; with `fix`, applies fix rounds, writes the file atomically and checks the result.
 * The CLI's single-threaded path and the workers run exactly this.
 */
export async function checkFile(job: Omit<CheckJob, 'workspace'>, base: FactBase, options: CheckOptions): Promise<CheckOutcome> {
  let text = job.text;
  let result = checkDocument(text, base, options);
  if (job.fix) {
    const fixed = fixText(text, result.findings, (next) => checkDocument(next, base, options).findings);
    if (fixed !== text) {
      try {
        await writeFileAtomic(job.file, fixed);
        text = fixed;
        result = checkDocument(text, base, options);
      } catch (error) {
        return { findings: result.findings, error: `could not be written: ${(error as Error).message}` };
      }
    }
  }
  return { findings: result.findings };
}

/** Applies fix rounds until nothing changes (a fix can reveal the next, e.g. a citation after a figure). */
function fixText(text: string, findings: Finding[], recheck: (text: string) => Finding[]): string {
  let current = text;
  let currentFindings = findings;
  for (let round = 0; round < 3; round++) {
    const edits = fixAllEdits(currentFindings, current);
    if (edits.length === 0) break;
    const next = applyFixes(current, edits);
    if (next === current) break;
    current = next;
    currentFindings = recheck(current);
  }
  return current;
}

/** The check options a workspace's configuration sets. */
export function checkOptionsOf(workspace: Workspace): CheckOptions {
  return { severities: workspace.config.severities, citationStyle: workspace.config.citationStyle };
}

const WORKER_KIND = 'sourcecheck-check-worker';

interface WorkerInit {
  kind: typeof WORKER_KIND;
}

/** A draft queued in the pool, with the workspace it is checked against. */
interface Request {
  id: number;
  job: CheckJob;
}

/** A message from the pool to a worker: a workspace to keep, or a draft to check against one it was sent. */
type ToWorker =
  | { type: 'workspace'; workspaceId: number; base: FactBase; options: CheckOptions }
  | { type: 'check'; id: number; workspaceId: number; job: Omit<CheckJob, 'workspace'> };

type Response = { id: number; started: true } | { id: number; outcome: CheckOutcome } | { id: number; failure: string };

/** Drafts a worker holds at once: one being checked and one waiting, so it never idles between them. */
const IN_FLIGHT = 2;

/**
 * A pool of worker threads that check drafts. Drafts queue here and go to a worker when it has room,
 * so a worker that runs ahead takes more; results come back in any order, matched by job.
 */
export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (outcome: CheckOutcome) => void; reject: (error: Error) => void }>();
  /** The requests each worker holds, in the order it takes them. */
  private readonly held = new Map<Worker, Request[]>();
  /** The budget timers of the requests being checked, by request id. */
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly queue: Request[] = [];
  /** An id for each workspace handed to the pool, by its fact base. */
  private readonly workspaceIds = new WeakMap<FactBase, number>();
  /** The workspaces each worker has been sent. */
  private readonly sent = new Map<Worker, Set<number>>();
  private nextWorkspaceId = 0;
  private nextId = 0;
  private closed = false;

  /** Starts `size` workers running `entry` (this module, as built into the CLI bundle). */
  constructor(size: number, private readonly entry: string = __filename) {
    for (let i = 0; i < size; i++) this.workers.push(this.start());
  }

  /** Checks a draft on the first worker with room. */
  check(job: CheckJob): Promise<CheckOutcome> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.pump();
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(): Worker {
    // Under a TypeScript loader the entry is a .ts file: the workers need the same loader.
    const execArgv = this.entry.endsWith('.ts') ? process.execArgv : undefined;
    const worker = new Worker(this.entry, { workerData: { kind: WORKER_KIND } satisfies WorkerInit, ...(execArgv ? { execArgv } : {}) });
    worker.on('message', (response: Response) => this.settle(worker, response));
    worker.on('error', (error) => this.failHeld(worker, error));
    this.held.set(worker, []);
    this.sent.set(worker, new Set());
    return worker;
  }

  /** Hands `request` to `worker`, sending it the request's workspace first if it has not got it. */
  private post(worker: Worker, request: Request): void {
    const { workspace, ...job } = request.job;
    let workspaceId = this.workspaceIds.get(workspace.base);
    if (workspaceId === undefined) {
      workspaceId = this.nextWorkspaceId++;
      this.workspaceIds.set(workspace.base, workspaceId);
    }
    const sent = this.sent.get(worker) as Set<number>;
    if (!sent.has(workspaceId)) {
      sent.add(workspaceId);
      worker.postMessage({ type: 'workspace', workspaceId, base: workspace.base, options: workspace.options } satisfies ToWorker);
    }
    worker.postMessage({ type: 'check', id: request.id, workspaceId, job } satisfies ToWorker);
  }

  private pump(): void {
    for (const worker of this.workers) {
      const held = this.held.get(worker) as Request[];
      while (this.queue.length > 0 && held.length < IN_FLIGHT) {
        const request = this.queue.shift() as Request;
        held.push(request);
        this.post(worker, request);
      }
    }
  }

  private settle(worker: Worker, response: Response): void {
    if ('started' in response) {
      const request = this.held.get(worker)?.find((r) => r.id === response.id);
      if (request) this.timers.set(request.id, setTimeout(() => this.overBudget(worker, request), request.job.budgetMs));
      return;
    }
    clearTimeout(this.timers.get(response.id));
    this.timers.delete(response.id);
    const held = this.held.get(worker) ?? [];
    const index = held.findIndex((r) => r.id === response.id);
    if (index >= 0) held.splice(index, 1);
    this.pump();
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    if ('failure' in response) waiter.reject(new Error(response.failure));
    else waiter.resolve(response.outcome);
  }

  /** A check ran past its budget: report it, replace the worker, and hand its other drafts on. */
  private overBudget(worker: Worker, request: Request): void {
    if (this.closed || !this.held.get(worker)?.includes(request)) return;
    const others = this.replace(worker).filter((r) => r.id !== request.id);
    this.queue.unshift(...others);
    const waiter = this.pending.get(request.id);
    this.pending.delete(request.id);
    waiter?.resolve({ findings: [], notChecked: true, error: `not checked: checking it took longer than the time budget of ${request.job.budgetMs} ms (timeBudgetMs in .sourcecheck.yaml, or --time-budget)` });
    this.pump();
  }

  /** Stops `worker` and starts another in its place; returns the requests it held. */
  private replace(worker: Worker): Request[] {
    const held = this.held.get(worker) ?? [];
    for (const request of held) {
      clearTimeout(this.timers.get(request.id));
      this.timers.delete(request.id);
    }
    this.held.delete(worker);
    this.sent.delete(worker);
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    void worker.terminate();
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers[index] = this.start();
    return held;
  }

  /** A worker died (out of memory, say): its drafts fail, the others carry on with a fresh worker. */
  private failHeld(worker: Worker, error: Error): void {
    if (this.closed) return;
    for (const request of this.replace(worker)) {
      const waiter = this.pending.get(request.id);
      this.pending.delete(request.id);
      waiter?.reject(error);
    }
    this.pump();
  }
}

function serve(): void {
  const port = parentPort;
  if (!port) return;
  const workspaces = new Map<number, CheckWorkspace>();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'workspace') {
      workspaces.set(message.workspaceId, { base: message.base, options: message.options });
      // The indexes a check derives from the base are built now, before any draft's budget runs.
      lexiconOf(message.base);
      return;
    }
    void (async () => {
      try {
        const workspace = workspaces.get(message.workspaceId);
        if (!workspace) throw new Error(`workspace ${message.workspaceId} was not sent to this worker`);
        port.postMessage({ id: message.id, started: true } satisfies Response);
        const outcome = await checkFile(message.job, workspace.base, workspace.options);
        port.postMessage({ id: message.id, outcome } satisfies Response);
      } catch (error) {
        port.postMessage({ id: message.id, failure: (error as Error).stack ?? String(error) } satisfies Response);
      }
    })();
  });
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === WORKER_KIND) serve();
