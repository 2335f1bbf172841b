/**
 * Bridges (RSS-Bridge, Telegram and Mastodon mirrors, some CMSs) put markdown around the HTML.
 * These rewrites turn the markdown constructs into plain text before the HTML converter runs.
 */
export const MARKDOWN_REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/<!--[\s\S]*?-->/g, ''],
  [/!\[[^\]\n]*\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ''],
  [/\[([^\]\n]+)\]\((?:https?:\/\/|\/|#|mailto:)[^)\s]*(?:\s+"[^"]*")?\)/g, '$1'],
  [/^[ \t]*(?:-{3,}|={3,}|\*{3,}|_{3,})[ \t]*$/gm, ''],
  [/^[ \t]{0,3}#{1,6}[ \t]+/gm, ''],
  [/^[ \t]{0,3}>[ \t]?/gm, ''],
];

/** What every rewrite above needs to find: a comment, a link or image, or a line starting with a rule, heading or quote mark. */
const ANY_MARKDOWN = /<!--|\]\(|^[ \t]*[-=*_#>]/m;

/** Removes HTML comments and turns markdown links, images, rules, headings and quotes into text. */
export function stripMarkdown(source: string): string {
  if (!ANY_MARKDOWN.test(source)) return source;
  let out = source;
  for (const [pattern, replacement] of MARKDOWN_REWRITES) out = out.replace(pattern, replacement);
  return out;
}
