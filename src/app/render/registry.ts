/**
 * Page-side renderers for display specs (src/lib/display): one per `$display` kind. Renderers own the element they
 * are given; calling `renderDisplay` again on the same element with a newer spec updates it in place (live plots,
 * progress bars), so renderers should update rather than rebuild when they can.
 */
import type {DisplaySpec} from '../../lib/display';

export type Renderer<S extends DisplaySpec = DisplaySpec> = (spec: S, el: HTMLElement) => void | Promise<void>;

const renderers = new Map<string, Renderer>();

export function registerRenderer<S extends DisplaySpec>(kind: S['$display'], renderer: Renderer<S>): void {
  renderers.set(kind, renderer as Renderer);
}

function showError(el: HTMLElement, message: string): void {
  el.textContent = message;
  el.classList.add('output-error');
}

/** Renders a spec into `el`; unknown kinds and failing renderers render as a clear message rather than nothing. */
export async function renderDisplay(spec: DisplaySpec, el: HTMLElement): Promise<void> {
  const renderer = renderers.get(spec.$display);
  if (!renderer) {
    showError(el, `No renderer for output of kind "${spec.$display}".`);
    return;
  }
  // An earlier failure's marking goes once a newer spec for this element draws.
  el.classList.remove('output-error');
  try {
    await renderer(spec, el);
  } catch (error) {
    showError(el, `Could not show this ${spec.$display} output: ${error instanceof Error ? error.message : String(error)}`);
  }
}
