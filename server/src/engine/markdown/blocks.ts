/**
 * Turns mdast into prose blocks (paragraphs, headings, table cells) whose plain text keeps an exact
 * map back to source offsets, plus the citation-bearing constructs the checks need: links,
 * footnote references and their definitions, reference definitions and HTML comments.
 */
import type { Nodes, Parents, Root, RootContent, PhrasingContent } from 'mdast';
import { OffsetMap } from './offsetMap';

/** A link-like citation found inside a block (an inline or reference link, an autolink, a footnote reference). */
export interface InlineCitationRef {
  kind: 'link' | 'footnote';
  /** Start and end in the block's plain text (a footnote reference is zero-width). */
  plainStart: number;
  plainEnd: number;
  /** Source span of the construct. */
  start: number;
  end: number;
  /** The link destination, or the footnote/reference identifier to resolve later. */
  url?: string;
  identifier?: string;
}

/** A prose block with plain text and a plain-to-source offset map. */
export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'tableRow';
  /** Source span of the block. */
  start: number;
  end: number;
  /** Plain text: what a reader sees, with soft line breaks as spaces and code as blanks. */
  text: string;
  /** `map.at(i)` is the source offset of plain character `i`; `map.at(text.length)` is the block end. */
  map: OffsetMap;
  links: InlineCitationRef[];
}

/** An HTML comment anywhere in the document (for suppression directives). */
export interface HtmlComment {
  value: string;
  start: number;
  end: number;
}

/** What a footnote definition names. */
export interface FootnoteTargets {
  /** The URLs and bare domains (as `https://domain`) the definition names. */
  urls: string[];
  text: string;
  start: number;
  end: number;
}

/** The document-level tables that citations in any block resolve against. */
export interface DocumentDefinitions {
  /** Footnote identifier -> what its definition names. */
  footnotes: Map<string, FootnoteTargets>;
  /** Reference definition identifier -> URL. */
  definitions: Map<string, string>;
}

/** Everything the checks need from one parsed document. */
export interface DocumentModel extends DocumentDefinitions {
  blocks: ProseBlock[];
  comments: HtmlComment[];
}

const SKIPPED_BLOCKS = new Set(['code', 'html', 'yaml', 'toml', 'definition', 'footnoteDefinition', 'math', 'thematicBreak']);

/**
 * Builds the {@link DocumentModel} of a parsed document. With `range`, only the top-level nodes that
 * start inside it are read (the rest of `source` is scaffolding around a chunk of a document).
 */
export function buildDocumentModel(source: string, root: Root, range?: { start: number; end: number }): DocumentModel {
  const model: DocumentModel = { blocks: [], comments: [], footnotes: new Map(), definitions: new Map() };
  const children = range
    ? root.children.filter((node) => offsetOf(node, 'start') >= range.start && offsetOf(node, 'start') < range.end)
    : root.children;
  collect(source, children, model);
  return model;
}

function collect(source: string, children: RootContent[], model: DocumentModel): void {
  for (const node of children) {
    switch (node.type) {
      case 'tableRow':
        // A row reads as one statement: "CoreWeave deal | $31 billion".
        model.blocks.push(buildBlock(source, node, 'tableRow', model));
        break;
      case 'paragraph':
      case 'heading':
        model.blocks.push(buildBlock(source, node, node.type, model));
        break;
      case 'html':
        collectComments(node.value, offsetOf(node, 'start'), model);
        break;
      case 'definition':
        model.definitions.set(node.identifier, node.url);
        break;
      case 'footnoteDefinition':
        model.footnotes.set(node.identifier, footnoteTargets(source, node));
        break;
      default:
        if (!SKIPPED_BLOCKS.has(node.type) && 'children' in node) collect(source, (node as Parents).children as RootContent[], model);
    }
  }
}

function offsetOf(node: Nodes, edge: 'start' | 'end'): number {
  return node.position?.[edge].offset ?? 0;
}

const COMMENT = /<!--([\s\S]*?)-->/g;

function collectComments(html: string, base: number, model: DocumentModel): void {
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(html); m; m = COMMENT.exec(html)) {
    model.comments.push({ value: m[1] ?? '', start: base + m.index, end: base + m.index + m[0].length });
  }
}

const BARE_URL = /\bhttps?:\/\/[^\s<>()]+/g;
const BARE_DOMAIN = /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b/g;

function footnoteTargets(source: string, node: Nodes): FootnoteTargets {
  const start = offsetOf(node, 'start');
  const end = offsetOf(node, 'end');
  const urls: string[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'link' || n.type === 'definition') urls.push(n.url);
    if ('children' in n) for (const child of n.children) visit(child as Nodes);
  };
  visit(node);
  const text = source.slice(start, end);
  if (urls.length === 0) {
    for (const m of text.matchAll(BARE_URL)) urls.push(m[0]);
    for (const m of text.matchAll(BARE_DOMAIN)) urls.push(`https://${m[0]}`);
  }
  return { urls, text, start, end };
}

/**
 * Accumulates plain text and its offset map while walking inline content. The map is kept as runs
 * (a plain start, a source offset and whether the offsets step with the characters), so that a
 * large document costs no per-character allocation or storage.
 */
class PlainBuilder {
  private text = '';
  private length = 0;
  /** Flat triples: plain start, source offset of that character, step (1: consecutive offsets, 0: all the same). */
  private readonly runs: number[] = [];
  /** Source offset the next character would have to continue the last run. */
  private nextOffset = -1;
  private lastStep = -1;

  get size(): number {
    return this.length;
  }

  /** Appends `value`, aligned character by character with `source[start, end)`; returns where the alignment ended. */
  appendAligned(source: string, value: string, start: number, end: number): number {
    if (end - start === value.length && source.startsWith(value, start)) {
      this.push(value, start);
      return end;
    }
    return alignInto(source, value, start, end, (text, offset) => this.push(text, offset));
  }

  /** Appends `count` blanks standing for something skipped at `offset`. */
  appendBlank(count: number, offset: number): void {
    if (count <= 0) return;
    if (count === 1) {
      this.push(' ', offset);
      return;
    }
    this.addRun(offset, 0, count);
    this.text += ' '.repeat(count);
    this.length += count;
  }

  /** Appends `text`, whose characters stand at `offset`, `offset + 1`, ... (line breaks read as spaces). */
  push(text: string, offset: number): void {
    if (text.length === 0) return;
    this.addRun(offset, 1, text.length);
    this.text += text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replace(/[\r\n]/g, ' ');
    this.length += text.length;
  }

  private addRun(offset: number, step: number, count: number): void {
    const continues = step === 1 ? this.lastStep === 1 && offset === this.nextOffset : this.lastStep === 0 && offset === this.nextOffset;
    if (!continues) {
      this.runs.push(this.length, offset, step);
      this.lastStep = step;
    }
    this.nextOffset = step === 1 ? offset + count : offset;
  }

  finish(end: number): { text: string; map: OffsetMap } {
    // The block's end, mapped from the position just past the text, is a run of its own.
    const runs = new Int32Array(this.runs.length + 3);
    runs.set(this.runs);
    runs[this.runs.length] = this.length;
    runs[this.runs.length + 1] = end;
    return { text: this.text, map: new OffsetMap(runs, this.length + 1) };
  }
}

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Aligns an mdast value with the source slice it came from. Escapes and entities make the two
 * differ; container markers ("> ", list indentation) appear in the source between lines.
 */
function alignInto(source: string, value: string, start: number, end: number, emit: (text: string, offset: number) => void): number {
  let j = start;
  let i = 0;
  while (i < value.length) {
    const ch = value[i] as string;
    if (j >= end) {
      emit(value.slice(i), Math.max(start, end - 1));
      return end;
    }
    const s = source[j] as string;
    // CommonMark replaces NUL with U+FFFD; without this the rest of the block collapses onto its end.
    if (s === ch || (s === '\u0000' && ch === '\uFFFD')) {
      emit(ch, j);
      i++;
      j++;
      continue;
    }
    if (s === '\\' && j + 1 < end && ASCII_PUNCTUATION.test(source[j + 1] as string) && source[j + 1] === ch) {
      emit(ch, j + 1);
      i++;
      j += 2;
      continue;
    }
    if (s === '&') {
      ENTITY.lastIndex = j;
      const m = ENTITY.exec(source);
      if (m) {
        // An entity decodes to one or two UTF-16 units; map them all to the entity's start.
        const decodedLength = ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdbff ? 2 : 1;
        emit(value.slice(i, i + decodedLength), j);
        i += decodedLength;
        j += m[0].length;
        continue;
      }
    }
    j++;
  }
  return j;
}

/** The text a phrasing node shows, for aligning nodes that have no position. */
function shownText(node: Nodes): string {
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(shownText).join('');
  return '';
}

function buildBlock(source: string, node: Parents, kind: ProseBlock['kind'], model: DocumentModel): ProseBlock {
  const builder = new PlainBuilder();
  const links: InlineCitationRef[] = [];
  const walk = (children: PhrasingContent[], from: number, to: number): void => {
    let cursor = from;
    let nextIndex = 0;
    children.forEach((child, index) => {
      let start = offsetOf(child, 'start');
      let end = offsetOf(child, 'end');
      if (!child.position) {
        // GFM's literal-autolink transform splits a text node into pieces without positions; they
        // follow one another in the source, so align each from where the previous one ended.
        nextIndex = Math.max(nextIndex, index + 1);
        while (nextIndex < children.length && !children[nextIndex]?.position) nextIndex++;
        const next = children[nextIndex]?.position?.start.offset ?? to;
        start = cursor;
        end = alignInto(source, shownText(child), start, Math.max(start, next), () => {});
      }
      cursor = end;
      switch (child.type) {
        case 'text':
          builder.appendAligned(source, child.value, start, end);
          break;
        case 'inlineCode':
          builder.appendBlank(1, start);
          break;
        case 'break':
          builder.push(' ', start);
          break;
        case 'html':
          collectComments(child.value, start, model);
          break;
        case 'link': {
          const plainStart = builder.size;
          const isAutolink = source[start] !== '[';
          if (isAutolink) builder.appendBlank(1, start);
          else walk(child.children, start, end);
          links.push({ kind: 'link', plainStart, plainEnd: builder.size, start, end, url: child.url });
          break;
        }
        case 'linkReference': {
          const plainStart = builder.size;
          walk(child.children, start, end);
          links.push({ kind: 'link', plainStart, plainEnd: builder.size, start, end, identifier: child.identifier });
          break;
        }
        case 'footnoteReference':
          links.push({ kind: 'footnote', plainStart: builder.size, plainEnd: builder.size, start, end, identifier: child.identifier });
          break;
        case 'image':
        case 'imageReference':
          builder.appendBlank(1, start);
          break;
        default:
          if ('children' in child) walk(child.children as PhrasingContent[], start, end);
      }
    });
  };
  if (kind === 'tableRow') {
    (node.children as Parents[]).forEach((cell, index) => {
      if (index > 0) builder.push(' | ', offsetOf(cell, 'start'));
      walk(cell.children as PhrasingContent[], offsetOf(cell, 'start'), offsetOf(cell, 'end'));
    });
  } else {
    walk(node.children as PhrasingContent[], offsetOf(node, 'start'), offsetOf(node, 'end'));
  }
  const end = offsetOf(node, 'end');
  const { text, map } = builder.finish(end);
  return { kind, start: offsetOf(node, 'start'), end, text, map, links };
}
