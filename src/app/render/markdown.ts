/**
 * Markdown cells: GitHub-flavoured Markdown (marked) with LaTeX math, `$…$` inline and `$$…$$` as a block (KaTeX),
 * sanitised before it reaches the page. KaTeX loads on the first math it meets (so opening a notebook does not wait
 * for it); until then the TeX shows as text, then the cell re-renders.
 */
import {Marked, type TokenizerAndRendererExtension} from 'marked';
import type KatexModule from 'katex';
import {setSanitizedHtml} from './sanitize';

type Katex = typeof KatexModule;

let katex: Katex | undefined;
let loading: Promise<Katex> | undefined;

function loadKatex(): Promise<Katex> {
  return (loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([module]) => (katex = module.default)));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderMath(tex: string, displayMode: boolean): string {
  if (!katex) return `<span class="math-pending">${escapeHtml(displayMode ? `$$${tex}$$` : `$${tex}$`)}</span>`;
  return katex.renderToString(tex, {displayMode, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore'});
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.match(/^ {0,3}\$\$/m)?.index,
  tokenizer(src) {
    const m = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (m) return {type: 'blockMath', raw: m[0], text: m[1].trim()};
    return undefined;
  },
  renderer: (token) => `<div class="math-block">${renderMath(token.text as string, true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => {
    const i = src.indexOf('$');
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    const display = /^\$\$([^$]+?)\$\$/.exec(src);
    if (display) return {type: 'inlineMath', raw: display[0], text: display[1].trim(), display: true};
    // `$x$`, not `$ 5 and $10`: no space just inside the dollars, no digit right after the closing one.
    const inline = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (inline) return {type: 'inlineMath', raw: inline[0], text: inline[1], display: false};
    return undefined;
  },
  renderer: (token) => renderMath(token.text as string, token.display as boolean),
};

const marked = new Marked({gfm: true, breaks: false}).use({extensions: [blockMath, inlineMath]});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, {async: false}) as string;
}

const shown = new WeakMap<HTMLElement, string>();

/** Renders Markdown (with math) into `el`, sanitised. */
export function renderMarkdown(el: HTMLElement, markdown: string): void {
  shown.set(el, markdown);
  setSanitizedHtml(el, markdownToHtml(markdown));
  if (!katex && el.querySelector('.math-pending')) {
    void loadKatex().then(() => {
      // Unless the element has been given other text meanwhile, draw its math now.
      if (shown.get(el) === markdown) setSanitizedHtml(el, markdownToHtml(markdown));
    });
  }
}
