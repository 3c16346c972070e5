/**
 * Splitting a Markdown document into top-level chunks that parse the same alone as in place, so an
 * edit re-parses only the chunks it touches.
 *
 * A chunk starts at a line that follows a blank line, begins at column 0 with no list marker (so it
 * cannot continue a list item, an indented block or a lazy paragraph) and stands outside front
 * matter, a fenced code block and an HTML block that runs across blank lines (comments, `<pre>`,
 * ...). This line scan only proposes boundaries: the incremental checker also verifies, by parsing,
 * that each chunk leaves nothing open, and merges a chunk with the next when it does.
 */

/** Where a chunk may start: a line at column 0 that no list marker opens. */
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** HTML blocks (CommonMark kinds 1-5) that a blank line does not end, each with its end condition. */
const HTML_BLOCKS: ReadonlyArray<{ start: RegExp; end: RegExp }> = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];
const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/;

/**
 * The offset just past the front matter (`---` or `+++` fences on the first line), or 0 when there is
 * none. An opening fence that is never closed is not front matter, but the parser's attempt to read
 * it still leaves every later line without containers (no lists, block quotes or footnote
 * definitions), so such a document is one chunk: the text's length is returned.
 */
function frontMatterEnd(text: string): number {
  // The parser reads past a leading byte-order mark.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = FRONT_MATTER_OPEN.exec(bom ? text.slice(1) : text);
  if (!open) return 0;
  const fence = open[1] as string;
  let pos = bom + open[0].length;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    const line = text.slice(pos, end);
    if (line.startsWith(fence) && /^[ \t]*$/.test(line.slice(fence.length))) return nextLine(text, end);
    pos = nextLine(text, end);
  }
  return text.length;
}

/** Where the line starting at `pos` ends (its line break, or `limit`). */
export function lineEnd(text: string, pos: number, limit = text.length): number {
  for (let i = pos; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

/** Where the line after the one ending at `end` starts (past its line break; at most `limit`). */
export function nextLine(text: string, end: number, limit = text.length): number {
  if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 && end + 1 < limit) return end + 2;
  return end < limit ? end + 1 : limit;
}

/** Whether `text[from, to)` holds only spaces and tabs (a blank line). */
export function isBlank(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Offsets where chunks may start, ascending, the first always 0. Every start is a line start that
 * follows a blank line.
 */
export function proposeChunkStarts(text: string): number[] {
  const starts = [0];
  let pos = frontMatterEnd(text);
  let previousBlank = false;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    const line = text.slice(pos, end);
    const next = nextLine(text, end);
    const blank = isBlank(line);
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && (close[1] as string)[0] === fence.char && (close[1] as string).length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const first = line.charCodeAt(0);
      if (previousBlank && !blank && first !== 32 && first !== 9 && !LIST_MARKER.test(line)) starts.push(pos);
      const open = FENCE_OPEN.exec(line);
      if (open && !((open[1] as string)[0] === '`' && (open[2] as string).includes('`'))) {
        fence = { char: (open[1] as string)[0] as string, length: (open[1] as string).length };
      } else {
        for (const kind of HTML_BLOCKS) {
          const start = kind.start.exec(line);
          if (!start) continue;
          if (!kind.end.test(line.slice(start[0].length))) htmlEnd = kind.end;
          break;
        }
      }
    }
    previousBlank = blank && !fence && !htmlEnd;
    pos = next;
  }
  return starts;
}

const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S])*)\]/g;

/** A link or footnote label as mdast identifies it (whitespace collapsed, case folded). */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase().toLowerCase();
}

/**
 * Identifiers that bracketed text in `text` could refer to as a reference link or a footnote call.
 * A superset: anything in brackets counts, with and without a leading `^`.
 */
export function referenceCandidates(text: string): Set<string> {
  const found = new Set<string>();
  if (!text.includes('[')) return found;
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(text); m; m = BRACKETED.exec(text)) {
    const inner = m[1] as string;
    found.add(normalizeLabel(inner));
    if (inner.startsWith('^')) found.add(normalizeLabel(inner.slice(1)));
    // A bracket may open a longer label: continue inside this one.
    BRACKETED.lastIndex = m.index + 1;
  }
  return found;
}
