/** The `image-grid` renderer: a responsive grid of captioned images; a coloured frame marks items (e.g. wrong predictions). */
import type {ImageGridSpec} from '../../lib/plot/image/image-grid';
import {autoZoom, imageCanvas} from './canvas';
import {imageLabel} from './image-renderer';

const DEFAULT_CELL = 96;

/** Draws `spec` into `el` (replacing what was there). */
export function renderImageGrid(spec: ImageGridSpec, el: HTMLElement): void {
  const cell = spec.cellSize ?? DEFAULT_CELL;
  const figure = document.createElement('figure');
  figure.className = 'ds-image-grid';
  figure.setAttribute('role', 'group');
  figure.setAttribute('aria-label', spec.title ?? `${spec.items.length} images`);
  if (spec.title) {
    const title = document.createElement('figcaption');
    title.textContent = spec.title;
    figure.append(title);
  }
  const grid = document.createElement('div');
  grid.className = 'ds-image-grid-cells';
  grid.style.gridTemplateColumns = spec.columns ? `repeat(${spec.columns}, minmax(0, ${cell}px))` : `repeat(auto-fill, minmax(${cell}px, 1fr))`;
  for (const item of spec.items) {
    const box = document.createElement('figure');
    box.className = 'ds-image-grid-item';
    const zoom = autoZoom(item.image, cell);
    const canvas = imageCanvas(item.image, zoom, imageLabel({alt: item.alt, caption: item.caption, width: item.image.width, height: item.image.height}));
    // Images larger than the cell shrink to it.
    canvas.style.maxWidth = `${cell}px`;
    box.append(canvas);
    if (item.color) box.style.setProperty('--ds-item-color', item.color);
    if (item.caption) {
      const caption = document.createElement('figcaption');
      caption.textContent = item.caption;
      box.append(caption);
    }
    grid.append(box);
  }
  figure.append(grid);
  el.replaceChildren(figure);
}
