/** The `image` renderer: the pixels on a canvas (crisp when scaled up), a caption, and a colour bar when the spec has one. */
import type {Colorbar, ImageSpec} from '../../lib/plot/image/image-spec';
import {autoZoom, colorbarCanvas, imageCanvas} from './canvas';

/** Formats a colour bar limit compactly. */
function limit(value: number): string {
  return Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2) : Number(value.toPrecision(4)).toString();
}

function colorbar(bar: Colorbar, height: number): HTMLElement {
  const box = document.createElement('div');
  box.className = 'ds-colorbar';
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', `Colour scale from ${limit(bar.min)} to ${limit(bar.max)}${bar.label ? ` (${bar.label})` : ''}`);
  const scale = colorbarCanvas(bar.lut);
  scale.style.height = `${height}px`;
  const labels = document.createElement('div');
  labels.className = 'ds-colorbar-labels';
  labels.style.height = `${height}px`;
  const max = document.createElement('span');
  max.textContent = limit(bar.max);
  const min = document.createElement('span');
  min.textContent = limit(bar.min);
  labels.append(max, min);
  box.append(scale, labels);
  if (bar.label) {
    const title = document.createElement('span');
    title.className = 'ds-colorbar-title';
    title.textContent = bar.label;
    box.append(title);
  }
  return box;
}

/** The accessible name of an image: its alt text, caption, or size. */
export function imageLabel(spec: {alt?: string; caption?: string; width: number; height: number}): string {
  return spec.alt ?? spec.caption ?? `Image, ${spec.width}×${spec.height} pixels`;
}

/** A figure of class `className`: `parts` side by side (image, colour bar, legend), the caption under them. */
export function imageFigure(className: string, parts: readonly Node[], caption: string | undefined): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = className;
  const row = document.createElement('div');
  row.className = 'ds-image-row';
  row.append(...parts);
  figure.append(row);
  if (caption) {
    const text = document.createElement('figcaption');
    text.textContent = caption;
    figure.append(text);
  }
  return figure;
}

/** Draws `spec` into `el` (replacing what was there). */
export function renderImage(spec: ImageSpec, el: HTMLElement): void {
  const zoom = spec.zoom ?? autoZoom(spec);
  const parts: Node[] = [imageCanvas(spec, zoom, imageLabel(spec))];
  if (spec.colorbar) parts.push(colorbar(spec.colorbar, Math.min(spec.height * zoom, 320)));
  el.replaceChildren(imageFigure('ds-image', parts, spec.caption));
}
