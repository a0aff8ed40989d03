const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/**
 * An email address or username, HTML-escaped, with a line-break opportunity (`<wbr>`) after each `@`,
 * `.`, `-` and `_`: a narrow column wraps it there instead of in the middle of a word. Use with `<%-`.
 */
export function breakable(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!).replace(/([@._-])/g, '$1<wbr>');
}
