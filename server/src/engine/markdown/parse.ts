import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Parses Markdown (CommonMark + GFM + front matter) to mdast with source offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
