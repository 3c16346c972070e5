import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Parses Markdown (CommonMark + GFM + front matter) to mdast with source offsets. */
export function parseMarkdown(text: string): Root {
  const root = processor.parse(text) as Root;
  // micromark drops a leading byte-order mark and counts offsets without it; every offset here is into `text`.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(root);
  return root;
}

function shiftOffsets(root: Root): void {
  const stack: Nodes[] = [root];
  const shifted = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const position = node.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        // A point object may be shared between nodes; shift each once.
        if (shifted.has(point)) continue;
        shifted.add(point);
        if (point.offset !== undefined) point.offset += 1;
        if (point.line === 1) point.column += 1;
      }
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
