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

/** Renders a spec into `el`; unknown kinds render as a clear message rather than nothing. */
export async function renderDisplay(spec: DisplaySpec, el: HTMLElement): Promise<void> {
  const renderer = renderers.get(spec.$display);
  if (!renderer) {
    el.textContent = `No renderer for output of kind "${spec.$display}".`;
    el.classList.add('output-error');
    return;
  }
  await renderer(spec, el);
}
