/** Renderers for the notebook's own rich outputs: html`…` and md`…` (sanitised like Markdown cells). */
import type {DisplaySpec} from '../../lib/display';
import {registerRenderer} from './registry';
import {renderMarkdown} from './markdown';
import {setSanitizedHtml} from './sanitize';

interface HtmlSpec extends DisplaySpec {
  $display: 'html';
  html: string;
}

interface MarkdownSpec extends DisplaySpec {
  $display: 'markdown';
  markdown: string;
}

export function registerRichText(): void {
  registerRenderer<HtmlSpec>('html', (spec, el) => {
    el.classList.add('output-html');
    setSanitizedHtml(el, spec.html);
  });
  registerRenderer<MarkdownSpec>('markdown', (spec, el) => {
    el.classList.add('markdown-body');
    renderMarkdown(el, spec.markdown);
  });
}
