/** Undoing the hover's Markdown escaping, so tests can look for the original text. */

/** The text a reader sees for escaped Markdown: backslash escapes and the three entities undone, and the word joiners that break autolinks removed. */
export function unescapeMarkdown(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '');
}
