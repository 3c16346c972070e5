/** The files a run checks, from the paths and globs given on the command line. */
import { glob } from 'tinyglobby';
import type { FileReport } from './report';

/** Expands globs; plain paths pass through as given so that errors name them. */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; errors: FileReport[] }> {
  const files: string[] = [];
  const errors: FileReport[] = [];
  for (const input of inputs) {
    if (!/[*?[\]{}]/.test(input)) {
      files.push(input);
      continue;
    }
    const matches = await glob(input, { onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false });
    if (matches.length === 0) errors.push({ path: input, findings: [], error: 'no files match this pattern' });
    files.push(...matches.sort());
  }
  return { files: [...new Set(files)], errors };
}
