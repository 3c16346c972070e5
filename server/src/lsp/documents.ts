/**
 * Open documents: incremental text sync, versions, and which documents are drafts to check.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Drafts larger than this (in UTF-8 bytes) are not checked. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Drafts with a line longer than this (in UTF-16 code units) are not checked. */
export const MAX_LINE_LENGTH = 1024 * 1024;

/** The open documents, kept in sync with the client's buffers (unsaved text included). */
export class DocumentStore {
  /** The library store; its events are the only way to observe opens, changes, saves and closes. */
  readonly documents = new TextDocuments(TextDocument);

  /** Starts listening to the connection's text document notifications. */
  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  /** The open document at `uri`, if any. */
  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Every open document. */
  all(): TextDocument[] {
    return this.documents.all();
  }
}

/** Whether a document is a Markdown draft that Source Check reads. */
export function isDraft(document: { uri: string; languageId: string }): boolean {
  if (document.languageId === 'markdown') return true;
  return /\.(?:md|markdown|mdown|mkd)$/i.test(pathOfUri(document.uri));
}

function pathOfUri(uri: string): string {
  const q = uri.search(/[?#]/);
  return q < 0 ? uri : uri.slice(0, q);
}

/**
 * Why a text is too large to check, or `undefined` when it is fine. Counting bytes and scanning lines
 * is linear and cheap next to a check.
 */
export function tooLargeReason(text: string): string | undefined {
  // A UTF-16 string never needs more than 3 UTF-8 bytes per code unit, so short texts skip the count.
  if (text.length * 3 > MAX_DOCUMENT_BYTES) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_DOCUMENT_BYTES) {
      return `Source Check does not check this document: it is ${(bytes / 1024 / 1024).toFixed(1)} MB, and documents over 5 MB are skipped.`;
    }
  }
  if (text.length > MAX_LINE_LENGTH) {
    let lineStart = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 10;
      if (c === 10 || c === 13) {
        if (i - lineStart > MAX_LINE_LENGTH) {
          return `Source Check does not check this document: line ${text.slice(0, lineStart).split(/\r\n|\r|\n/).length} is longer than 1 MB.`;
        }
        lineStart = i + 1;
      }
    }
  }
  return undefined;
}
