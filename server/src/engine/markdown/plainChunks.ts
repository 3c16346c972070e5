/**
 * Reading a document without parsing its plain chunks.
 *
 * Most of a draft is ordinary prose: paragraphs and headings with no Markdown syntax in them. Such a
 * chunk parses to one paragraph (or heading) holding one text node, so a line scan can build that
 * node directly and leave micromark only the rest. The scan is conservative: any character or line
 * start that could open a construct (emphasis, code, a link or footnote, an autolink literal, HTML, an
 * entity or escape, a list, quote, table, setext underline, or indentation) sends the chunk to the
 * parser. A plain chunk is blanked (same length, line breaks kept) in the text the parser reads, so
 * every other node keeps its offsets, and the synthetic nodes are merged back in document order.
 *
 * Why blanking leaves the rest unchanged: a chunk starts after a blank line, at column 0, with no
 * list marker, outside fences and multi-line HTML (see `chunks.ts`), so everything before it is
 * already closed; and a plain chunk is followed only by blank lines up to the next chunk start, which
 * closes everything again. The chunk scan only proposes boundaries, so the parse of the rest is
 * checked for a construct left open over a blanked chunk, and the whole text is parsed if one was.
 * `test/unit/plain-chunks.test.ts` compares both ways on large corpora and fuzzed drafts.
 */
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { buildDocumentModel, type DocumentModel } from './blocks';
import { proposeChunkStarts } from './chunks';
import { parseMarkdown } from './parse';

/**
 * Characters and sequences that may open an inline construct, an autolink literal or an entity. `:`
 * matters only as in `http://`, `@` for e-mail autolinks, `www.` for GFM's www autolinks.
 */
const INLINE_SYNTAX = /[\\`*_~[\]<>&|@]|:\/\/|www\./i;

/** A tab (which indents) or another control character (NUL is rewritten; others may not read as text). */
function hasControlCharacter(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) < 32) return true;
  return false;
}

/**
 * A line start that may open or continue a block other than a paragraph: indentation, ATX heading,
 * block quote, bullet or ordered list, setext underline or thematic break, HTML, fence, table, a
 * footnote or reference definition.
 */
const BLOCK_START = /^(?:[ \t#>\-+*=_<`~|[]|\d{1,9}[.)](?:[ \t]|$))/;

/** An ATX heading with one space after its marks and no `#` (so no closing sequence) in its text. */
const PLAIN_HEADING = /^(#{1,6}) ([^\s#][^#]*)$/;

function lineEndOf(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return end;
}

function nextLineOf(text: string, lineEnd: number, end: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 && lineEnd + 1 < end) return lineEnd + 2;
  return lineEnd < end ? lineEnd + 1 : end;
}

function isBlankSlice(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * The paragraph or heading that `text[start, end)`, a chunk, parses to when it is plain prose, with
 * offsets into `text`; undefined when the chunk needs the parser. `line` is the 1-based line `start`
 * stands on.
 */
export function plainChunkNode(text: string, start: number, end: number, line: number): Paragraph | Heading | undefined {
  // The parser drops a byte-order mark at the start of the text; leave that chunk to it.
  if (start === 0 && text.charCodeAt(0) === 0xfeff) return undefined;
  let pos = start;
  let contentEnd = start;
  let lines = 0;
  while (pos < end) {
    const lineEnd = lineEndOf(text, pos, end);
    if (isBlankSlice(text, pos, lineEnd)) break;
    const content = text.slice(pos, lineEnd);
    if (BLOCK_START.test(content) && !(lines === 0 && content.charCodeAt(0) === 35 /* # */)) return undefined;
    const last = content.charCodeAt(content.length - 1);
    if (last === 32 || INLINE_SYNTAX.test(content) || hasControlCharacter(content)) return undefined;
    lines++;
    contentEnd = lineEnd;
    pos = nextLineOf(text, lineEnd, end);
  }
  if (lines === 0) return undefined;
  // Only blank lines may follow the run up to the chunk's end.
  while (pos < end) {
    const lineEnd = lineEndOf(text, pos, end);
    if (!isBlankSlice(text, pos, lineEnd)) return undefined;
    pos = nextLineOf(text, lineEnd, end);
  }
  const endLine = line + lines - 1;
  const endColumn = contentEnd - lineStartOf(text, contentEnd) + 1;
  const position = {
    start: { line, column: 1, offset: start },
    end: { line: endLine, column: endColumn, offset: contentEnd },
  };
  if (text.charCodeAt(start) === 35 /* # */) {
    if (lines !== 1) return undefined;
    const heading = PLAIN_HEADING.exec(text.slice(start, contentEnd));
    if (!heading) return undefined;
    const marks = (heading[1] as string).length;
    const textStart = start + marks + 1;
    return {
      type: 'heading',
      depth: marks as Heading['depth'],
      children: [
        {
          type: 'text',
          value: heading[2] as string,
          position: { start: { line, column: marks + 2, offset: textStart }, end: { ...position.end } },
        },
      ],
      position,
    };
  }
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: text.slice(start, contentEnd), position: { start: { ...position.start }, end: { ...position.end } } }],
    position,
  };
}

function lineStartOf(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return 0;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/**
 * The mdast of `text`, as {@link parseMarkdown} reads it, except that plain chunks are read by a line
 * scan instead of the parser (see the module comment).
 */
export function parseWithPlainChunks(text: string): Root {
  const starts = proposeChunkStarts(text);
  const plain: Array<Paragraph | Heading> = [];
  let line = 1;
  let counted = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    const end = i + 1 < starts.length ? (starts[i + 1] as number) : text.length;
    line += countLineBreaks(text, counted, start);
    counted = start;
    const node = plainChunkNode(text, start, end, line);
    if (node) plain.push(node);
  }
  if (plain.length === 0) return parseMarkdown(text);
  const root = parseMarkdown(blankOut(text, plain));
  // The chunk scan only proposes boundaries (it cannot see, say, a fence behind a byte-order mark). A
  // construct that stayed open over a blanked chunk overlaps it: then the chunk was not a paragraph.
  if (overlapsAny(root.children, plain)) return parseMarkdown(text);
  root.children = mergeByOffset(root.children, plain);
  return root;
}

/** Whether a parsed node overlaps the span of a plain node (both lists in document order). */
function overlapsAny(parsed: readonly RootContent[], plain: ReadonlyArray<Paragraph | Heading>): boolean {
  let j = 0;
  for (const node of parsed) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    while (j < plain.length && (plain[j]?.position?.end.offset as number) <= start) j++;
    if (j < plain.length && (plain[j]?.position?.start.offset as number) < end) return true;
  }
  return false;
}

/** `text` with every character of the nodes' spans but line breaks replaced by a space. */
function blankOut(text: string, nodes: ReadonlyArray<Paragraph | Heading>): string {
  const parts: string[] = [];
  let from = 0;
  for (const node of nodes) {
    const start = node.position?.start.offset as number;
    const end = node.position?.end.offset as number;
    parts.push(text.slice(from, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function mergeByOffset(parsed: RootContent[], plain: ReadonlyArray<Paragraph | Heading>): RootContent[] {
  const merged: RootContent[] = [];
  let j = 0;
  for (const node of parsed) {
    const at = node.position?.start.offset ?? 0;
    while (j < plain.length && (plain[j]?.position?.start.offset as number) < at) merged.push(plain[j++] as RootContent);
    merged.push(node);
  }
  while (j < plain.length) merged.push(plain[j++] as RootContent);
  return merged;
}

/** The {@link DocumentModel} of `text`, reading plain chunks without the parser. */
export function readDocumentModel(text: string): DocumentModel {
  return buildDocumentModel(text, parseWithPlainChunks(text));
}
