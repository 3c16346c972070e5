/**
 * Building Markdown from untrusted text (fact files are workspace content): everything is escaped so
 * that it renders literally, and links are built only to http(s) URLs.
 */

/**
 * Escapes `text` for Markdown so that it renders as the same characters: HTML-significant `<`, `>`,
 * `&` become entities, every other ASCII punctuation character gets a backslash (CommonMark allows
 * that for all of them, which also defeats emphasis, links, autolinks and tables), and line breaks
 * collapse to spaces so that nothing can start a block (a heading, a list, a fence).
 *
 * GFM "autolink literals" (`https://…`, `www.…`, `a@b.c`, `mailto:`) are found in the decoded text by
 * some renderers, where no escape reaches them; an invisible WORD JOINER (U+2060) breaks each trigger.
 */
export function escapeMarkdown(text: string): string {
  const flat = text
    .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
    .replace(/:(?=\/\/)/g, ':\u2060')
    .replace(/(www)(?=\.)/gi, '$1\u2060')
    .replace(/@/g, '\u2060@');
  let out = '';
  for (const ch of flat) {
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += /[!-/:-@[-`{-~]/.test(ch) ? `\\${ch}` : ch;
    }
  }
  return out;
}

/** The URL's normalized text when it parses with protocol `http:` or `https:`, else `undefined`. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // `URL.href` percent-encodes spaces, quotes and angle brackets; parentheses would end the link.
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** A Markdown link with escaped `label` to `url` when that is http(s); otherwise the escaped label alone. */
export function markdownLink(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  return safe ? `[${escapeMarkdown(label)}](${safe})` : escapeMarkdown(label);
}
