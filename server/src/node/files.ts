/** Reading untrusted workspace files safely: clear errors instead of exceptions, never a partial write. */
import { promises as fs, statSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The largest draft or fact file that is read. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file's text, or why it cannot be checked. */
/**
 * A file's text, or why it cannot be checked; `at` is where in the file the problem is (0-based line,
 * UTF-16 column) when it is one place, such as the first byte that is not UTF-8.
 */
export type ReadResult = { text: string } | { error: string; at?: { line: number; character: number } };

/** Reads a UTF-8 text file, refusing directories, binaries, oversized files and invalid UTF-8. */
export async function readTextFile(file: string): Promise<ReadResult> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    return { error: describeIoError(error) };
  }
  if (stat.isDirectory()) return { error: 'is a directory; give Markdown files or a glob such as "drafts/**/*.md"' };
  if (!stat.isFile()) return { error: 'is not a regular file' };
  if (stat.size > MAX_FILE_BYTES) return { error: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; files over 5 MB are not checked` };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { error: describeIoError(error) };
  }
  return decodeText(bytes);
}

/** The synchronous twin of {@link readTextFile}, for hosts that must answer synchronously. */
export function readTextFileSync(file: string): ReadResult {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (!stat.isFile()) return { error: 'is not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { error: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; files over 5 MB are not read` };
    return decodeText(readFileSync(file));
  } catch (error) {
    return { error: describeIoError(error) };
  }
}

/** Decodes bytes as UTF-8 text, or says where they stop being text. */
export function decodeText(bytes: Uint8Array): ReadResult {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = locateByte(bytes, nul);
    return { error: `is a binary file (NUL byte at ${line}:${column})`, at: { line: line - 1, character: column - 1 } };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = locateByte(bytes, bad);
    return {
      error: `is not valid UTF-8 (invalid byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at ${line}:${column})`,
      at: { line: line - 1, character: column - 1 },
    };
  }
}

/** 1-based line and column (in characters of the valid prefix) of byte `index`. */
function locateByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, index));
  return { line, column: prefix.length + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'is a loop of symbolic links';
    default:
      return (error as Error).message ?? String(error);
  }
}

/**
 * Replaces a file's content atomically: the new text goes to a temporary file beside it, which is
 * then renamed over the original, so a crash never leaves a half-written draft.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.sourcecheck-${process.pid}-${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(file)).mode;
  } catch {
    mode = undefined;
  }
  try {
    await fs.writeFile(temp, text, { encoding: 'utf8', mode, flag: 'wx' });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
