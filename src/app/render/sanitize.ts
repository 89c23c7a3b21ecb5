/**
 * Every piece of HTML the page shows from a notebook (Markdown cells, html`…` outputs) goes through DOMPurify: no
 * scripts, no event handlers, no javascript: URLs, so a notebook from a link cannot run code by being looked at.
 */
import DOMPurify from 'dompurify';

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement && node.hasAttribute('href') && !node.getAttribute('href')!.startsWith('#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function sanitizeHtml(html: string): DocumentFragment {
  configure();
  return DOMPurify.sanitize(html, {RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form'], ADD_ATTR: ['target']});
}

/** Replaces `el`'s children with the sanitised `html`. */
export function setSanitizedHtml(el: HTMLElement, html: string): void {
  el.replaceChildren(sanitizeHtml(html));
}
