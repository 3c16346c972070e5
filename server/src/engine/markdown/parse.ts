import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parents, Root } from 'mdast';
import type { Point } from 'unist';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const withoutGfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * Container markers (`>`, list bullets) a line may open before the rest of its prefix is read as
 * blanks. micromark's cost grows with the square of the nesting, and GFM's tree walks recurse once
 * per level: 3,000 "- " (6 KB) overflowed the stack. No writer nests a hundred deep.
 */
export const MAX_LINE_NESTING = 100;

/**
 * Emphasis delimiters (`*`, `_`, `~`) and brackets a paragraph may hold before they are read as
 * blanks. micromark matches each closer against every earlier opener: 1,000 "*a " pairs (6 KB) took
 * half a second, 10,000 several minutes, and 10,000 nested "[" twenty seconds. A table of a hundred
 * bold cells holds four hundred.
 */
export const MAX_DELIMITERS = 1000;

/** Nodes deeper than this are dropped, so every later walk of the tree is bounded. */
export const MAX_TREE_DEPTH = 400;

/** Parses Markdown (CommonMark + GFM + front matter) to mdast with source offsets. */
export function parseMarkdown(text: string): Root {
  const source = capDelimiters(capLineNesting(text));
  let root: Root;
  try {
    root = processor.parse(source) as Root;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // A stack overflow in a GFM transform on some pathological input: fall back to CommonMark alone,
    // and to an empty document rather than failing the check.
    try {
      root = withoutGfm.parse(source) as Root;
    } catch (again) {
      if (!(again instanceof RangeError)) throw again;
      root = { type: 'root', children: [] };
    }
  }
  pruneDepth(root);
  // micromark drops a leading byte-order mark and counts offsets without it; every offset here is into `text`.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(root);
  return root;
}

const CONTAINER_PREFIX = /^(?:[ \t]{0,3}(?:>|[-+*]|\d{1,9}[.)])(?:[ \t]+|$))+/gm;

/** `text` with the container markers of any line beyond the first {@link MAX_LINE_NESTING} blanked (same length, same offsets). */
function capLineNesting(text: string): string {
  if (text.length < MAX_LINE_NESTING * 2) return text;
  return text.replace(CONTAINER_PREFIX, (prefix) => {
    let markers = 0;
    let cut = -1;
    const marker = /(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)/g;
    for (let m = marker.exec(prefix); m; m = marker.exec(prefix)) {
      if (++markers > MAX_LINE_NESTING) {
        cut = m.index;
        break;
      }
    }
    return cut < 0 ? prefix : prefix.slice(0, cut) + prefix.slice(cut).replace(/[^\t]/g, ' ');
  });
}

function isDelimiter(c: number): boolean {
  return c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */ || c === 91 /* [ */ || c === 93 /* ] */;
}

/** `text` with the delimiters of any over-full paragraph blanked (same length, same offsets). */
function capDelimiters(text: string): string {
  let total = 0;
  for (let i = 0; i < text.length && total <= MAX_DELIMITERS; i++) if (isDelimiter(text.charCodeAt(i))) total++;
  if (total <= MAX_DELIMITERS) return text;
  // Paragraphs end at blank lines: count per run of non-blank lines.
  const parts: string[] = [];
  let start = 0;
  let count = 0;
  let lineStart = 0;
  let blankLine = true;
  const flush = (end: number): void => {
    const paragraph = text.slice(start, end);
    parts.push(count > MAX_DELIMITERS ? paragraph.replace(/[*_~[\]]/g, ' ') : paragraph);
    start = end;
    count = 0;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      if (blankLine && count > 0) flush(lineStart);
      lineStart = i + 1;
      blankLine = true;
    } else {
      if (c !== 32 && c !== 9 && c !== 13) blankLine = false;
      if (isDelimiter(c)) count++;
    }
  }
  flush(text.length);
  return parts.join('');
}

function pruneDepth(root: Root): void {
  const stack: Array<{ node: Parents; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Parents; depth: number };
    if (depth >= MAX_TREE_DEPTH) {
      node.children = [];
      continue;
    }
    for (const child of node.children as Nodes[]) if ('children' in child) stack.push({ node: child as Parents, depth: depth + 1 });
  }
}

function shiftOffsets(root: Root): void {
  forEachPoint(root, (point) => {
    if (point.offset !== undefined) point.offset += 1;
    if (point.line === 1) point.column += 1;
  });
}

/** Calls `visit` once with every start and end point of the tree (a point object may be shared between nodes). */
export function forEachPoint(root: Root, visit: (point: Point) => void): void {
  const seen = new Set<object>();
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const position = node.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        if (seen.has(point)) continue;
        seen.add(point);
        visit(point);
      }
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
