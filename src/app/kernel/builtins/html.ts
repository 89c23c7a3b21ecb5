/**
 * `html\`…\`` and `md\`…\`` for cells: rich text outputs as display specs. The page sanitises them before showing
 * them, so a notebook from a link cannot run script through its outputs.
 */
import type {DisplaySpec} from '../../../lib/display';

export interface HtmlSpec extends DisplaySpec {
  readonly $display: 'html';
  html: string;
}

export interface MarkdownSpec extends DisplaySpec {
  readonly $display: 'markdown';
  markdown: string;
}

function interleave(strings: TemplateStringsArray | string, values: unknown[]): string {
  if (typeof strings === 'string') return strings;
  return strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
}

export function html(strings: TemplateStringsArray | string, ...values: unknown[]): HtmlSpec {
  return {$display: 'html', html: interleave(strings, values)};
}

export function md(strings: TemplateStringsArray | string, ...values: unknown[]): MarkdownSpec {
  return {$display: 'markdown', markdown: interleave(strings, values)};
}
