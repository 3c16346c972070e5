/**
 * The language server's check workers: a small pool of worker threads that parse and check drafts,
 * so that the protocol thread never does. Each check has a time budget; a worker that runs past it
 * is terminated and a fresh one takes its place, and the other drafts carry on.
 *
 * The pool starts with one worker and adds a second only while a check waits for a worker (a long
 * check must not hold up the other drafts); a spare worker that has been idle for a while is stopped,
 * since each costs memory for as long as the editor is open.
 *
 * A draft has a home worker, which keeps its incremental checker; it is checked there when that
 * worker is free, and moves to another free worker (which parses it afresh) when it is not.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, CheckResult } from '../engine/api';
import type { FactBase } from '../engine/types';
import type { FromWorker, ToWorker } from './checkWorker';

/** What a check needs, read when a worker is free to take it (so a queued check sends the latest text). */
export interface PreparedCheck {
  text: string;
  base: FactBase;
  options: CheckOptions;
  /** Milliseconds the check may take before its worker is stopped. */
  budgetMs: number;
}

/** How a check ended. */
export type PoolOutcome =
  | { kind: 'checked'; result: CheckResult; ms: number }
  /** The check ran past its budget; its worker was replaced. */
  | { kind: 'over-budget'; budgetMs: number }
  /** The check threw; with `workerLost`, its worker died (out of memory, say) and was replaced. */
  | { kind: 'failed'; error: string; workerLost?: boolean }
  /** `prepare` returned nothing (the draft was closed, say), or the pool was disposed. */
  | { kind: 'skipped' };

/** Options of the pool. */
export interface PoolOptions {
  /** Worker threads at most (default 2); one runs from the start, the others while checks wait. */
  size?: number;
  /** Milliseconds a spare worker stays idle before it is stopped (default 20 s). */
  spareIdleMs?: number;
  /** The worker script; defaults to `checkWorker.js` beside this bundle. */
  entry?: string;
  /** Told when a worker is replaced or fails to start. */
  log?: (message: string) => void;
}

interface Job {
  id: number;
  /** A draft's URI: keeps an incremental checker in the worker. */
  uri: string | undefined;
  prepare: () => PreparedCheck | undefined;
  resolve: (outcome: PoolOutcome) => void;
}

interface Slot {
  worker: Worker;
  /** Fact bases this worker holds, by id, with when each was last used. */
  bases: Map<number, number>;
  running?: { job: Job; timer: NodeJS.Timeout };
  /** Stops a spare worker that stays idle. */
  idle?: NodeJS.Timeout;
}

/** Fact bases a worker keeps; older ones are dropped (the fact files were edited since). */
const BASES_PER_WORKER = 4;

/**
 * Worker heap limits. A small young generation keeps the resident memory of an idle worker low (a
 * check allocates in bursts); the old-generation cap turns a runaway check into a failed one instead
 * of exhausting the machine.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };

/** A pool of check workers; see the module comment. */
export class CheckPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly homes = new Map<string, Slot>();
  private readonly baseIds = new WeakMap<FactBase, number>();
  private nextBaseId = 1;
  private nextJob = 1;
  private uses = 0;
  private disposed = false;
  private readonly entry: string;
  private readonly execArgv: string[] | undefined;

  constructor(private readonly options: PoolOptions = {}) {
    const fromSource = __filename.endsWith('.ts');
    this.entry = options.entry ?? path.join(__dirname, fromSource ? 'checkWorker.ts' : 'checkWorker.js');
    // Under a TypeScript loader the workers need the same loader.
    this.execArgv = this.entry.endsWith('.ts') ? process.execArgv : undefined;
    this.slots.push(this.start());
  }

  /**
   * Checks a text on the first free worker. `prepare` is called when a worker is free, and returns
   * the text to check then (or nothing to skip the check). Jobs of one `uri` must not overlap: the
   * caller waits for one before asking for the next.
   */
  check(uri: string | undefined, prepare: () => PreparedCheck | undefined): Promise<PoolOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'skipped' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextJob++, uri, prepare, resolve });
      this.pump();
    });
  }

  /** A draft was closed: its worker drops its incremental checker. */
  forget(uri: string): void {
    const home = this.homes.get(uri);
    if (!home) return;
    this.homes.delete(uri);
    this.post(home, { type: 'forget', uri });
  }

  /** Stops the workers; waiting checks are skipped. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'skipped' });
    const stopping: Array<Promise<number>> = [];
    for (const slot of this.slots) {
      clearTimeout(slot.idle);
      if (slot.running) {
        clearTimeout(slot.running.timer);
        slot.running.job.resolve({ kind: 'skipped' });
        slot.running = undefined;
      }
      stopping.push(slot.worker.terminate());
    }
    await Promise.allSettled(stopping);
  }

  private start(): Slot {
    const worker = new Worker(this.entry, { resourceLimits: RESOURCE_LIMITS, ...(this.execArgv ? { execArgv: this.execArgv } : {}) });
    // A worker must not keep the server alive once the connection has closed.
    worker.unref();
    const slot: Slot = { worker, bases: new Map() };
    worker.on('message', (message: FromWorker) => this.settle(slot, message));
    worker.on('error', (error) => this.lost(slot, `the check worker failed: ${error.message}`));
    worker.on('exit', (code) => this.lost(slot, `the check worker exited (${code})`));
    return slot;
  }

  private pump(): void {
    if (this.disposed) return;
    for (let i = 0; i < this.queue.length; ) {
      let free = this.slots.filter((s) => !s.running);
      if (free.length === 0 && this.slots.length < Math.max(1, this.options.size ?? 2)) {
        this.slots.push(this.start());
        free = this.slots.filter((s) => !s.running);
      }
      if (free.length === 0) return;
      const job = this.queue[i] as Job;
      const home = job.uri === undefined ? undefined : this.homes.get(job.uri);
      const slot = home && !home.running ? home : (free.find((s) => !this.isHome(s)) ?? free[0] as Slot);
      this.queue.splice(i, 1);
      this.run(slot, job);
    }
  }

  private isHome(slot: Slot): boolean {
    for (const home of this.homes.values()) if (home === slot) return true;
    return false;
  }

  private run(slot: Slot, job: Job): void {
    let prepared: PreparedCheck | undefined;
    try {
      prepared = job.prepare();
    } catch (error) {
      job.resolve({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (!prepared) {
      job.resolve({ kind: 'skipped' });
      return;
    }
    if (job.uri !== undefined) {
      const home = this.homes.get(job.uri);
      if (home && home !== slot) this.post(home, { type: 'forget', uri: job.uri });
      this.homes.set(job.uri, slot);
    }
    clearTimeout(slot.idle);
    slot.idle = undefined;
    const baseId = this.sendBase(slot, prepared.base);
    const budgetMs = prepared.budgetMs;
    const timer = setTimeout(() => this.overBudget(slot, budgetMs), budgetMs);
    slot.running = { job, timer };
    this.post(slot, { type: 'check', job: job.id, ...(job.uri !== undefined ? { uri: job.uri } : {}), text: prepared.text, baseId, options: prepared.options });
  }

  /** The id of `base` in `slot`'s worker, sending it there first if it has not got it. */
  private sendBase(slot: Slot, base: FactBase): number {
    let id = this.baseIds.get(base);
    if (id === undefined) {
      id = this.nextBaseId++;
      this.baseIds.set(base, id);
    }
    if (!slot.bases.has(id)) {
      this.post(slot, { type: 'base', id, base });
      if (slot.bases.size >= BASES_PER_WORKER) {
        const oldest = [...slot.bases.entries()].sort((a, b) => a[1] - b[1])[0] as [number, number];
        slot.bases.delete(oldest[0]);
        this.post(slot, { type: 'dropBase', id: oldest[0] });
      }
    }
    slot.bases.set(id, ++this.uses);
    return id;
  }

  private settle(slot: Slot, message: FromWorker): void {
    const running = slot.running;
    if (!running || running.job.id !== message.job) return;
    clearTimeout(running.timer);
    slot.running = undefined;
    if (message.type === 'done') running.job.resolve({ kind: 'checked', result: message.result, ms: message.ms });
    else running.job.resolve({ kind: 'failed', error: message.error });
    this.pump();
    this.retireWhenIdle(slot);
  }

  /** A spare worker with nothing to do is stopped after a while; the first one stays. */
  private retireWhenIdle(slot: Slot): void {
    if (slot.running || this.slots.indexOf(slot) === 0 || this.disposed) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.running || this.disposed) return;
      const index = this.slots.indexOf(slot);
      if (index <= 0) return;
      this.slots.splice(index, 1);
      for (const [uri, home] of this.homes) if (home === slot) this.homes.delete(uri);
      slot.worker.removeAllListeners();
      slot.worker.on('error', () => undefined);
      void slot.worker.terminate();
    }, this.options.spareIdleMs ?? 20_000);
    slot.idle.unref();
  }

  /** The running check took too long: stop its worker and start another in its place. */
  private overBudget(slot: Slot, budgetMs: number): void {
    const running = slot.running;
    if (!running) return;
    slot.running = undefined;
    this.replace(slot);
    running.job.resolve({ kind: 'over-budget', budgetMs });
    this.pump();
  }

  /** A worker died on its own (a crash, or out of memory). */
  private lost(slot: Slot, reason: string): void {
    if (this.disposed || !this.slots.includes(slot)) return;
    const running = slot.running;
    slot.running = undefined;
    if (running) clearTimeout(running.timer);
    this.options.log?.(`Source Check: ${reason}; starting another`);
    this.replace(slot);
    running?.job.resolve({ kind: 'failed', error: reason, workerLost: true });
    this.pump();
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    clearTimeout(slot.idle);
    slot.worker.removeAllListeners();
    // Ignore the old worker's last events: it is gone.
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    const fresh = this.start();
    this.slots[index] = fresh;
    for (const [uri, home] of this.homes) if (home === slot) this.homes.delete(uri);
    this.retireWhenIdle(fresh);
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }
}
