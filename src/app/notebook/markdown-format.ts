/**
 * The notebook file format of `notebooks/` (`*.deepsky.md`): plain Markdown that reads well on its own and diffs
 * line by line.
 *
 *   ---
 *   title: Gradient descent
 *   ---
 *   Text with $\LaTeX$.               ← a Markdown cell
 *
 *   ```ts                             ← a code cell (`ts` or `typescript`; flags: `manual`, `collapsed`)
 *   const lr = 0.1;
 *   ```
 *   <!-- cell -->                     ← separates two Markdown cells in a row
 *
 * A `ts` fence inside a Markdown cell (an example, not a cell) carries the flag `no-run`.
 */
import {frontMatter} from './front-matter';
import {newCell, type Cell} from './model';

export interface ParsedNotebook {
  title: string;
  cells: Cell[];
}

const CELL_FENCE = /^(`{3,})\s*(ts|typescript)\b([^`]*)$/;
const SEPARATOR = /^<!--\s*cell\s*-->\s*$/;
const EXAMPLE_FENCE = /^(\s{0,3}(?:`{3,}|~{3,})\s*(?:ts|typescript)\b)(.*)$/;

export function parseNotebookMarkdown(text: string, fallbackTitle = 'Untitled notebook'): ParsedNotebook {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const front = frontMatter(lines);
  const title = front.title ?? fallbackTitle;
  let i = front.body;
  const cells: Cell[] = [];
  let markdown: string[] = [];
  const flushMarkdown = () => {
    const source = markdown.join('\n').replace(/^\n+|\n+$/g, '');
    if (source.trim()) cells.push(newCell('markdown', source));
    markdown = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    const fence = CELL_FENCE.exec(line);
    if (fence && !/\bno-run\b/.test(fence[3])) {
      flushMarkdown();
      const openedAt = i + 1;
      const close = new RegExp(`^${fence[1]}\`*\\s*$`);
      const code: string[] = [];
      i++;
      while (i < lines.length && !close.test(lines[i])) code.push(lines[i++]);
      if (i >= lines.length) throw new Error(`Notebook format: the code cell opened at line ${openedAt} has no closing ${fence[1]}.`);
      i++;
      const cell = newCell('code', code.join('\n'));
      if (/\bmanual\b/.test(fence[3])) cell.manual = true;
      if (/\bcollapsed\b/.test(fence[3])) cell.collapsed = true;
      cells.push(cell);
      continue;
    }
    if (SEPARATOR.test(line)) flushMarkdown();
    else markdown.push(line.replace(EXAMPLE_FENCE, (whole, head, rest) => (/\bno-run\b/.test(rest) ? head + rest.replace(/\s*\bno-run\b/, '') : whole)));
    i++;
  }
  flushMarkdown();
  return {title, cells};
}

export function serializeNotebookMarkdown(notebook: ParsedNotebook): string {
  const parts: string[] = [`---\ntitle: ${quoteIfNeeded(notebook.title)}\n---`];
  let previous: Cell['kind'] | undefined;
  for (const cell of notebook.cells) {
    if (cell.kind === 'markdown') {
      if (previous === 'markdown') parts.push('<!-- cell -->');
      parts.push(cell.source.split('\n').map((l) => l.replace(EXAMPLE_FENCE, (_, head, rest) => (/\bno-run\b/.test(rest) ? head + rest : `${head}${rest} no-run`))).join('\n'));
    } else {
      const longest = Math.max(2, ...(cell.source.match(/`+/g) ?? []).map((m) => m.length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      const flags = [cell.manual && 'manual', cell.collapsed && 'collapsed'].filter(Boolean).join(' ');
      parts.push(`${fence}ts${flags ? ` ${flags}` : ''}\n${cell.source}\n${fence}`);
    }
    previous = cell.kind;
  }
  return parts.join('\n\n') + '\n';
}


function quoteIfNeeded(value: string): string {
  return /^[\w][\w .,()!?&+-]*$/.test(value) ? value : JSON.stringify(value);
}
