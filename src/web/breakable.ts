import { escapeXML } from 'ejs';

/**
 * An email address or username, HTML-escaped, with a line-break opportunity (`<wbr>`) after each `@`,
 * `.`, `-` and `_`: a narrow column wraps it there instead of in the middle of a word. Use with `<%-`.
 */
export function breakable(text: string): string {
  return escapeXML(text).replace(/([@._-])/g, '$1<wbr>');
}
