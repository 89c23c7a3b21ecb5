/**
 * The `segmentation` renderer: the image with its class mask blended over it, a legend whose checkboxes show and
 * hide classes, and an opacity slider. Changes redraw from the spec's image and mask, so nothing is lost.
 */
import {blendMask} from '../../lib/plot/image/blend-mask';
import type {SegmentationSpec} from '../../lib/plot/image/segmentation';
import {autoZoom, drawPixels, imageCanvas} from './canvas';
import {imageFigure, imageLabel} from './image-renderer';

function percent(pixels: number, total: number): string {
  const share = (100 * pixels) / total;
  return share > 0 && share < 1 ? '<1%' : `${Math.round(share)}%`;
}

/** Draws `spec` into `el` (replacing what was there). */
export function renderSegmentation(spec: SegmentationSpec, el: HTMLElement): void {
  const hidden = new Set(spec.hidden);
  let opacity = spec.opacity;
  const {image, mask} = spec;
  const classNames = spec.classes.map((c) => c.name).join(', ');
  const canvas = imageCanvas(image, spec.zoom ?? autoZoom(image), `${imageLabel({...spec, ...image})}; mask classes: ${classNames}`);
  const redraw = () => drawPixels(canvas, image, blendMask(image, mask, spec.classes, opacity, [...hidden]));
  redraw();

  const legend = document.createElement('fieldset');
  legend.className = 'ds-segmentation-legend';
  const title = document.createElement('legend');
  title.textContent = 'Classes';
  legend.append(title);
  const total = mask.width * mask.height;
  for (const c of spec.classes) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !hidden.has(c.code);
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(c.code);
      else hidden.add(c.code);
      redraw();
    });
    const swatch = document.createElement('span');
    swatch.className = 'ds-swatch';
    swatch.style.background = `rgb(${c.color.join(', ')})`;
    const name = document.createElement('span');
    name.textContent = `${c.name} (${percent(c.pixels, total)})`;
    label.append(box, swatch, name);
    legend.append(label);
  }
  const slider = document.createElement('label');
  slider.className = 'ds-segmentation-opacity';
  const range = document.createElement('input');
  range.type = 'range';
  range.min = '0';
  range.max = '1';
  range.step = '0.05';
  range.value = String(opacity);
  range.addEventListener('input', () => {
    opacity = Number(range.value);
    redraw();
  });
  slider.append('Mask opacity ', range);
  legend.append(slider);

  el.replaceChildren(imageFigure('ds-segmentation', [canvas, legend], spec.caption));
}
