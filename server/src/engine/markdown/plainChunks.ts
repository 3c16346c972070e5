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
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
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
 * block quote, bullet or ordered list, setext underline or thematic break, HTML, fence, table (or
 * its delimiter row), a footnote or reference definition.
 */
const BLOCK_START = /^(?:[ \t#>\-+*=_<`~|:[]|\d{1,9}[.)](?:[ \t]|$))/;

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
 * The simple inline constructs read here, each wholly on one line: emphasis or strong emphasis of
 * words (`*really*`, `**all of it**`), a code span with no backtick in it, and an inline link whose
 * text is words and whose destination is a plain http(s) URL (no entity, escape, parenthesis or
 * title). Anything else (or any of these in another context) leaves the chunk to the parser.
 */
const INLINE_CONSTRUCT =
  /(\*\*?)([A-Za-z0-9]+(?: [A-Za-z0-9]+)*)\1|`([^`\s](?:[^`\r\n]*[^`\s])?)`|\[([^\s[\]\\`*_~<>&|@^!]+(?: [^\s[\]\\`*_~<>&|@^!]+)*)\]\((https?:\/\/[A-Za-z0-9\-._~:/?#@!$'*+,;=%]+)\)/g;

/** Where an emphasis may stand: after a line start or a space, before a line end, a space or a closing punctuation mark. */
function isSpaceOrLineBreak(c: number): boolean {
  return c === 32 || c === 10 || c === 13;
}
function endsEmphasis(c: number): boolean {
  return isSpaceOrLineBreak(c) || c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63; /* . , ; : ! ? */
}

/** Offsets to mdast points, for the lines of one chunk. */
class ChunkPoints {
  constructor(
    private readonly lineStarts: readonly number[],
    private readonly firstLine: number,
  ) {}

  at(offset: number): { line: number; column: number; offset: number } {
    let index = this.lineStarts.length - 1;
    while (index > 0 && (this.lineStarts[index] as number) > offset) index--;
    return { line: this.firstLine + index, column: offset - (this.lineStarts[index] as number) + 1, offset };
  }

  span(start: number, end: number): { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } {
    return { start: this.at(start), end: this.at(end) };
  }
}

/**
 * The phrasing content of `text[from, to)` when it holds nothing but text and the constructs of
 * {@link INLINE_CONSTRUCT}; undefined otherwise.
 */
function readPhrasing(text: string, from: number, to: number, points: ChunkPoints): PhrasingContent[] | undefined {
  const children: PhrasingContent[] = [];
  const pushText = (start: number, end: number): boolean => {
    if (end <= start) return true;
    const value = text.slice(start, end);
    if (INLINE_SYNTAX.test(value)) return false;
    children.push({ type: 'text', value, position: points.span(start, end) });
    return true;
  };
  let cursor = from;
  INLINE_CONSTRUCT.lastIndex = from;
  for (let m = INLINE_CONSTRUCT.exec(text); m && m.index < to; m = INLINE_CONSTRUCT.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!pushText(cursor, start)) return undefined;
    const inner = points.span(start, end);
    if (m[1] !== undefined) {
      const before = start === from ? 32 : text.charCodeAt(start - 1);
      const after = end === to ? 32 : text.charCodeAt(end);
      if (!isSpaceOrLineBreak(before) || !endsEmphasis(after)) return undefined;
      const marks = m[1].length;
      const words = { type: 'text' as const, value: m[2] as string, position: points.span(start + marks, end - marks) };
      children.push({ type: marks === 2 ? 'strong' : 'emphasis', children: [words], position: inner });
    } else if (m[3] !== undefined) {
      children.push({ type: 'inlineCode', value: m[3], position: inner });
    } else {
      const label = m[4] as string;
      // `![...](...)` is an image; a link text that is an autolink literal is read by GFM.
      if ((start > from && text.charCodeAt(start - 1) === 33) || INLINE_SYNTAX.test(label)) return undefined;
      const words = { type: 'text' as const, value: label, position: points.span(start + 1, start + 1 + label.length) };
      children.push({ type: 'link', title: null, url: m[5] as string, children: [words], position: inner });
    }
    cursor = end;
  }
  if (!pushText(cursor, to)) return undefined;
  return children;
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
  const lineStarts: number[] = [];
  while (pos < end) {
    const lineEnd = lineEndOf(text, pos, end);
    if (isBlankSlice(text, pos, lineEnd)) break;
    const content = text.slice(pos, lineEnd);
    if (BLOCK_START.test(content) && !(lineStarts.length === 0 && content.charCodeAt(0) === 35 /* # */)) return undefined;
    // A pipe anywhere (even in a code span) may make a table row.
    if (content.charCodeAt(content.length - 1) === 32 || content.includes('|') || hasControlCharacter(content)) return undefined;
    lineStarts.push(pos);
    contentEnd = lineEnd;
    pos = nextLineOf(text, lineEnd, end);
  }
  if (lineStarts.length === 0) return undefined;
  // Only blank lines may follow the run up to the chunk's end.
  while (pos < end) {
    const lineEnd = lineEndOf(text, pos, end);
    if (!isBlankSlice(text, pos, lineEnd)) return undefined;
    pos = nextLineOf(text, lineEnd, end);
  }
  const points = new ChunkPoints(lineStarts, line);
  const position = points.span(start, contentEnd);
  if (text.charCodeAt(start) === 35 /* # */) {
    if (lineStarts.length !== 1) return undefined;
    const heading = PLAIN_HEADING.exec(text.slice(start, contentEnd));
    if (!heading) return undefined;
    const marks = (heading[1] as string).length;
    const children = readPhrasing(text, start + marks + 1, contentEnd, points);
    return children && { type: 'heading', depth: marks as Heading['depth'], children, position };
  }
  const children = readPhrasing(text, start, contentEnd, points);
  return children && { type: 'paragraph', children, position };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** The paragraphs and headings of `text`'s plain chunks, in document order (see {@link plainChunkNode}). */
export function findPlainChunks(text: string): Array<Paragraph | Heading> {
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
  return plain;
}

/**
 * The mdast of `text`, as {@link parseMarkdown} reads it, except that plain chunks are read by a line
 * scan instead of the parser (see the module comment).
 */
export function parseWithPlainChunks(text: string): Root {
  const plain = findPlainChunks(text);
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
