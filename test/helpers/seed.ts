/** The bundled seed fact base, loaded from disk the way the CLI loads it. */
import type { FactBase } from '../../server/src/engine/types';
import { loadWorkspace } from '../../server/src/node/workspace';

let cached: FactBase | undefined;

/** The seed fact base; fails loudly if it does not load cleanly. */
export function seedBase(): FactBase {
  if (cached) return cached;
  const workspace = loadWorkspace(undefined, {});
  if (!workspace.base) {
    throw new Error(`seed facts do not load: ${workspace.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.message}`).join('; ')}`);
  }
  cached = workspace.base;
  return cached;
}
