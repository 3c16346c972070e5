/** The files a run checks, from the paths, directories and globs given on the command line. */
import { statSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { markdownUnder } from '../node/drafts';
import type { FileReport } from './report';

/**
 * Expands globs and directories (to the Markdown under them that is not ignored); plain paths pass
 * through as given so that errors name them.
 */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; errors: FileReport[] }> {
  const files: string[] = [];
  const errors: FileReport[] = [];
  for (const input of inputs) {
    if (isDirectory(input)) {
      const found = await markdownUnder(input);
      if (found.length === 0) errors.push({ path: input, findings: [], error: 'is a directory with no Markdown files to check (.md or .markdown, not ignored)' });
      files.push(...found);
      continue;
    }
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

function isDirectory(input: string): boolean {
  try {
    return statSync(input).isDirectory();
  } catch {
    return false;
  }
}
