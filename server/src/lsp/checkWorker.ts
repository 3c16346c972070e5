/**
 * The entry point of the language server's check workers (`dist/checkWorker.js`): parses and checks
 * drafts off the protocol thread. Each worker keeps the fact bases it was sent and the incremental
 * checker of every draft it checked last, so an edit re-parses only what changed. See `./pool`.
 */
import { parentPort } from 'node:worker_threads';
import type { CheckOptions, CheckResult } from '../engine/api';
import { checkDocument } from '../engine/check';
import type { FactBase } from '../engine/types';
import { DocumentCheckers } from './incrementalChecks';

/** A message from the pool to a worker. */
export type ToWorker =
  | { type: 'base'; id: number; base: FactBase }
  | { type: 'dropBase'; id: number }
  /** `uri` keeps an incremental checker for the draft; without it the text is checked once. */
  | { type: 'check'; job: number; uri?: string; text: string; baseId: number; options: CheckOptions }
  | { type: 'forget'; uri: string };

/** A message from a worker to the pool. */
export type FromWorker =
  | { type: 'done'; job: number; result: CheckResult; ms: number }
  | { type: 'failed'; job: number; error: string };

function serve(): void {
  const port = parentPort;
  if (!port) return;
  const bases = new Map<number, FactBase>();
  const checkers = new DocumentCheckers();
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'base':
        bases.set(message.id, message.base);
        return;
      case 'dropBase':
        bases.delete(message.id);
        return;
      case 'forget':
        checkers.forget(message.uri);
        return;
      case 'check': {
        const start = performance.now();
        try {
          const base = bases.get(message.baseId);
          if (!base) throw new Error(`fact base ${message.baseId} was not sent to this worker`);
          const result = message.uri === undefined
            ? checkDocument(message.text, base, message.options)
            : checkers.check(message.uri, message.text, base, message.options);
          port.postMessage({ type: 'done', job: message.job, result, ms: performance.now() - start } satisfies FromWorker);
        } catch (error) {
          port.postMessage({ type: 'failed', job: message.job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
        }
      }
    }
  });
}

serve();
