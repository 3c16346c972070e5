/**
 * Reading a document without parsing its plain chunks.
 *
 * Most of a draft is ordinary prose: paragraphs, headings and tight bullet lists whose only Markdown
 * is simple emphasis, code spans and links. Such a chunk parses in only one way, so a line scan can
 * build its nodes directly and leave micromark only the rest. The scan is conservative: any character or line
 * start that could open a construct (emphasis, code, a link or footnote, an autolink literal, HTML, an
 * entity or escape, a list, quote, table, setext underline, or indentation) sends the chunk to the
 * parser. A plain chunk is blanked (its lines emptied, their line breaks kept) in the text the parser
 * reads; the parsed nodes' offsets are moved back to where they stand in the document (their lines
 * and columns do not change), and the synthetic nodes are merged in document order.
 *
 * Why blanking leaves the rest unchanged: a chunk starts after a blank line, at column 0, with no
 * list marker, outside fences and multi-line HTML (see `chunks.ts`), so everything before it is
 * already closed; and a plain chunk is followed only by blank lines up to the next chunk start, which
 * closes everything again. The chunk scan only proposes boundaries, so the parse of the rest is
 * checked for a construct left open over a blanked chunk, and the whole text is parsed if one was.
 * `test/unit/plain-chunks.test.ts` compares both ways on large corpora and fuzzed drafts.
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { buildDocumentModel, type DocumentModel } from './blocks';
import { isBlank, lineEnd as lineEndAt, nextLine, proposeChunkStarts } from './chunks';
import { forEachPoint, parseMarkdown } from './parse';
import { lastAtOrBefore } from '../util/search';

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
 * block quote, bullet or ordered list, setext underline or thematic break, HTML, fence, or table (or
 * its delimiter row). A `[` may open a definition or a task box, but the inline reading accepts it
 * only as the start of a link, `[text](url)`, which is neither.
 */
const BLOCK_START = /^(?:[ \t#>\-+*=_<`~|:]|\d{1,9}[.)](?:[ \t]|$))/;

/** An ATX heading with one space after its marks and no `#` (so no closing sequence) in its text. */
const PLAIN_HEADING = /^(#{1,6}) ([^\s#][^#]*)$/;

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
    // The chunk's first line starts at or before every offset asked about.
    const index = Math.max(0, lastAtOrBefore(this.lineStarts, offset));
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
  // Searched in the slice alone, so that a chunk without constructs does not scan the rest of the document.
  const slice = text.slice(from, to);
  INLINE_CONSTRUCT.lastIndex = 0;
  for (let m = INLINE_CONSTRUCT.exec(slice); m; m = INLINE_CONSTRUCT.exec(slice)) {
    const start = from + m.index;
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

/** A run of non-blank lines: where each starts and ends. */
interface LineRun {
  starts: number[];
  ends: number[];
}

/** A bullet list item's marker and the one space after it, with content after them. */
const BULLET = /^([-*+]) (?=\S)/;

type PlainNode = Paragraph | Heading | List;

/**
 * The nodes that `text[start, end)`, a chunk, parses to when it is plain prose, with offsets into
 * `text`; undefined when the chunk needs the parser. `line` is the 1-based line `start` stands on.
 * A plain chunk is a paragraph or a heading, a tight bullet list, or one of them followed (after
 * blank lines) by a tight bullet list; each line holds only text and the constructs of
 * {@link INLINE_CONSTRUCT}.
 */
export function plainChunkNodes(text: string, start: number, end: number, line: number): PlainNode[] | undefined {
  // The parser drops a byte-order mark at the start of the text; leave that chunk to it.
  if (start === 0 && text.charCodeAt(0) === 0xfeff) return undefined;
  const runs: LineRun[] = [];
  const lineStarts: number[] = [];
  let run: LineRun | undefined;
  for (let pos = start; pos < end; ) {
    const lineEnd = lineEndAt(text, pos, end);
    lineStarts.push(pos);
    if (isBlank(text, pos, lineEnd)) {
      run = undefined;
    } else {
      // A pipe anywhere (even in a code span) may make a table row; a trailing space a hard break.
      if (text.charCodeAt(lineEnd - 1) === 32 || text.slice(pos, lineEnd).includes('|') || hasControlCharacter(text.slice(pos, lineEnd))) return undefined;
      if (!run) runs.push((run = { starts: [], ends: [] }));
      run.starts.push(pos);
      run.ends.push(lineEnd);
    }
    pos = nextLine(text, lineEnd, end);
  }
  if (runs.length === 0 || runs.length > 2) return undefined;
  const points = new ChunkPoints(lineStarts, line);
  const nodes: PlainNode[] = [];
  for (const [index, lines] of runs.entries()) {
    const list = bulletList(text, lines, points);
    // After a blank line, only a list (or indented text) can continue a chunk.
    const node = list ?? (index === 0 ? paragraphOrHeading(text, lines, points) : undefined);
    if (!node || (index > 0 && nodes[0]?.type === 'list')) return undefined;
    nodes.push(node);
  }
  return nodes;
}

/** A run of lines read as one paragraph (or, one line opening with `#`, a heading). */
function paragraphOrHeading(text: string, lines: LineRun, points: ChunkPoints): Paragraph | Heading | undefined {
  const start = lines.starts[0] as number;
  const end = lines.ends[lines.ends.length - 1] as number;
  for (let i = 0; i < lines.starts.length; i++) {
    const content = text.slice(lines.starts[i], lines.ends[i]);
    if (BLOCK_START.test(content) && !(i === 0 && content.charCodeAt(0) === 35 /* # */)) return undefined;
  }
  const position = points.span(start, end);
  if (text.charCodeAt(start) === 35 /* # */) {
    if (lines.starts.length !== 1) return undefined;
    const heading = PLAIN_HEADING.exec(text.slice(start, end));
    if (!heading) return undefined;
    const marks = (heading[1] as string).length;
    const children = readPhrasing(text, start + marks + 1, end, points);
    return children && { type: 'heading', depth: marks as Heading['depth'], children, position };
  }
  const children = readPhrasing(text, start, end, points);
  return children && { type: 'paragraph', children, position };
}

/** A run of lines read as a tight bullet list: every line an item of one line, all with the same marker. */
function bulletList(text: string, lines: LineRun, points: ChunkPoints): List | undefined {
  const items: ListItem[] = [];
  let marker: string | undefined;
  for (let i = 0; i < lines.starts.length; i++) {
    const lineStart = lines.starts[i] as number;
    const lineEnd = lines.ends[i] as number;
    const line = text.slice(lineStart, lineEnd);
    const bullet = BULLET.exec(line);
    if (!bullet || (marker !== undefined && bullet[1] !== marker)) return undefined;
    marker = bullet[1];
    const contentStart = lineStart + bullet[0].length;
    // The item's text must not open a block of its own (a nested list, a quote, a heading, a task box).
    if (BLOCK_START.test(text.slice(contentStart, lineEnd))) return undefined;
    const children = readPhrasing(text, contentStart, lineEnd, points);
    if (!children) return undefined;
    const paragraph: Paragraph = { type: 'paragraph', children, position: points.span(contentStart, lineEnd) };
    items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: points.span(lineStart, lineEnd) });
  }
  const position = points.span(lines.starts[0] as number, lines.ends[lines.ends.length - 1] as number);
  return { type: 'list', ordered: false, start: null, spread: false, children: items, position };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** The nodes of `text`'s plain chunks, in document order (see {@link plainChunkNodes}). */
export function findPlainChunks(text: string): PlainNode[] {
  const starts = proposeChunkStarts(text);
  const plain: PlainNode[] = [];
  let line = 1;
  let counted = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    const end = i + 1 < starts.length ? (starts[i + 1] as number) : text.length;
    line += countLineBreaks(text, counted, start);
    counted = start;
    const nodes = plainChunkNodes(text, start, end, line);
    if (nodes) plain.push(...nodes);
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
  const blanked = blankOut(text, plain);
  const root = parseMarkdown(blanked.text);
  const end = root.position?.end;
  root.position = undefined;
  restoreOffsets(root, blanked.removed);
  // The document's end moves by all that was removed; its last line may have been emptied.
  if (end) {
    let lastLineStart = text.length;
    while (lastLineStart > 0 && text.charCodeAt(lastLineStart - 1) !== 10 && text.charCodeAt(lastLineStart - 1) !== 13) lastLineStart--;
    root.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: end.line, column: text.length - lastLineStart + 1, offset: text.length } };
  }
  // The chunk scan only proposes boundaries (it cannot see, say, a fence behind a byte-order mark). A
  // construct that stayed open over a blanked chunk overlaps it: then the chunk was not a paragraph.
  if (overlapsAny(root.children, plain)) return parseMarkdown(text);
  root.children = mergeByOffset(root.children, plain);
  return root;
}

/** Whether a parsed node overlaps the span of a plain node (both lists in document order). */
function overlapsAny(parsed: readonly RootContent[], plain: readonly PlainNode[]): boolean {
  let j = 0;
  for (const node of parsed) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    while (j < plain.length && (plain[j]?.position?.end.offset as number) <= start) j++;
    if (j < plain.length && (plain[j]?.position?.start.offset as number) < end) return true;
  }
  return false;
}

/**
 * `text` with the lines the nodes span emptied (their line breaks kept), and where characters were
 * removed: flat pairs of an offset in the new text and how many characters were removed up to it.
 */
function blankOut(text: string, nodes: readonly PlainNode[]): { text: string; removed: number[] } {
  const parts: string[] = [];
  const removed: number[] = [];
  let kept = 0;
  let total = 0;
  let from = 0;
  for (const node of nodes) {
    const end = node.position?.end.offset as number;
    let lineStart = node.position?.start.offset as number;
    while (lineStart < end) {
      const lineEnd = lineEndAt(text, lineStart, end);
      parts.push(text.slice(from, lineStart));
      kept += lineStart - from;
      total += lineEnd - lineStart;
      removed.push(kept, total);
      from = lineEnd;
      lineStart = nextLine(text, lineEnd, end);
    }
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), removed };
}

/** Moves every offset of the tree parsed from a blanked text back to the original text's. */
function restoreOffsets(root: Root, removed: readonly number[]): void {
  if (removed.length === 0) return;
  forEachPoint(root, (point) => {
    if (point.offset !== undefined) point.offset += removedUpTo(removed, point.offset);
  });
}

/** Characters removed before offset `at` of the blanked text (at `at` itself, a removal counts: nodes start after it). */
function removedUpTo(removed: readonly number[], at: number): number {
  const last = lastAtOrBefore(removed, at, 2);
  return last < 0 ? 0 : (removed[last * 2 + 1] as number);
}

function mergeByOffset(parsed: RootContent[], plain: readonly PlainNode[]): RootContent[] {
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
