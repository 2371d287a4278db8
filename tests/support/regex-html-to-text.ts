/**
 * The regex htmlToText that shipped before issue #12 (quadratic on unclosed tags): the oracle the linear scanner
 * must agree with on small inputs, and the baseline `npm run bench:hostile` times. Never used by the product.
 */
export function regexHtmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
