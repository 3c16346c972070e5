/** Converting between the client's document URIs and file-system paths. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

/** The file-system path of a `file:` URI, or `undefined` for other schemes (untitled buffers, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of an absolute path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * A key under which two spellings of one path compare equal (Windows drive letters and separators
 * differ between the client's URIs and Node's paths).
 */
export function pathKey(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}

/** Whether `file` is `dir` or inside it. */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
