/** The `image-grid` display spec: many small images with captions (batches, top losses, predictions). */
import type {DisplaySpec} from '../../display';
import type {PixelImage, RgbaImage} from './rgba-image';
import {shrinkToFit} from './resample';
import {toRgba, type PixelMapping} from './to-rgba';

/** One cell of a grid. */
export interface ImageGridItem {
  image: RgbaImage;
  /** Shown under the image (e.g. `7` or `pred 3 / true 5`). */
  caption?: string;
  /** A CSS colour for the frame and caption, e.g. red for a wrong prediction. */
  color?: string;
  /** Text alternative; the caption when absent. */
  alt?: string;
}

/** Images laid out in a grid. */
export interface ImageGridSpec extends DisplaySpec {
  readonly $display: 'image-grid';
  title?: string;
  items: ImageGridItem[];
  /** Columns; as many as fit the output's width when absent. */
  columns?: number;
  /** Edge of each image's box in CSS pixels; small images are scaled up by whole factors within it. */
  cellSize?: number;
}

/** One image with what to show about it. */
export interface ImageGridInput {
  image: PixelImage;
  caption?: string;
  color?: string;
  alt?: string;
}

/** Options of `imageGrid`: how values become colours (per image) and the layout. */
export interface ImageGridOptions extends PixelMapping {
  title?: string;
  columns?: number;
  cellSize?: number;
  /** Shrink images whose longer side exceeds this many pixels (keeps specs of big cutouts small). */
  maxSide?: number;
}

/** Converts one grid entry (its pixels mapped with `options`), for the grid builders. */
export function gridItem(input: ImageGridInput, options: ImageGridOptions = {}): ImageGridItem {
  let image = toRgba(input.image, options).image;
  if (options.maxSide !== undefined) image = shrinkToFit(image, options.maxSide);
  const item: ImageGridItem = {image};
  if (input.caption !== undefined) item.caption = input.caption;
  if (input.color !== undefined) item.color = input.color;
  if (input.alt !== undefined) item.alt = input.alt;
  return item;
}

/** The grid layout options, validated, copied onto a spec. */
export function gridLayout(options: ImageGridOptions): Pick<ImageGridSpec, 'title' | 'columns' | 'cellSize'> {
  const layout: Pick<ImageGridSpec, 'title' | 'columns' | 'cellSize'> = {};
  if (options.title !== undefined) layout.title = options.title;
  if (options.columns !== undefined) {
    if (!Number.isInteger(options.columns) || options.columns < 1) {
      throw new RangeError(`columns must be a positive integer, got ${options.columns}`);
    }
    layout.columns = options.columns;
  }
  if (options.cellSize !== undefined) {
    if (!(options.cellSize > 0)) throw new RangeError(`cellSize must be positive, got ${options.cellSize}`);
    layout.cellSize = options.cellSize;
  }
  return layout;
}

/**
 * A grid of images. Each entry is an image or `{image, caption, color}`; scalar images go through the colormap with
 * their own limits unless `vmin`/`vmax` are given.
 *
 * @example imageGrid(items.map((it) => ({image: it.image, caption: it.label})), {columns: 8})
 */
export function imageGrid(items: readonly (ImageGridInput | PixelImage)[], options: ImageGridOptions = {}): ImageGridSpec {
  const cells = items.map((entry, i) => {
    try {
      return gridItem('image' in entry ? entry : {image: entry}, options);
    } catch (error) {
      throw new RangeError(`imageGrid: item ${i}: ${(error as Error).message}`, {cause: error});
    }
  });
  return {$display: 'image-grid', items: cells, ...gridLayout(options)};
}
