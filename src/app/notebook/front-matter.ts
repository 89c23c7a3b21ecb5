/**
 * The front matter of a `.deepsky.md` notebook (see markdown-format.ts): a `---` block at the top with `title:`. Kept
 * apart from the parser, with no imports, so the build can read titles without loading the app's modules.
 */

/** The front matter's title (undefined without one) and the line where the notebook's body starts. */
export function frontMatter(lines: readonly string[]): {title?: string; body: number} {
  if (lines[0]?.trim() !== '---') return {body: 0};
  const end = lines.indexOf('---', 1);
  if (end < 0) return {body: 0};
  let title: string | undefined;
  for (const line of lines.slice(1, end)) {
    const m = /^title:\s*(.*)$/.exec(line);
    if (m) title = unquote(m[1].trim());
  }
  return {title, body: end + 1};
}

/** A notebook file's title from its front matter, without parsing its cells (for lists of notebooks). */
export function notebookMarkdownTitle(text: string): string | undefined {
  return frontMatter(text.replace(/\r\n?/g, '\n').split('\n', 50)).title;
}

function unquote(value: string): string {
  if (/^".*"$/.test(value)) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (/^'.*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}
