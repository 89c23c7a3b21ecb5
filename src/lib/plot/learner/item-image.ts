/**
 * Items as data loaders and interpretation hand them out (structural, matching `ItemPreview` in src/lib/data/types):
 * pixels as stored, a label, and for segmentation a mask. Grids of batches and of top losses draw them the same way.
 */
import {gridItem, type ImageGridItem, type ImageGridOptions} from '../image/image-grid';
import type {PixelImage} from '../image/rgba-image';
import {overlayPixels, type SegmentationClassInput} from '../image/segmentation';

/** One item: its pixels (row-major, channels last, as stored), label, origin and optional class mask. */
export interface ItemPreviewLike {
  label?: string | number;
  image?: PixelImage;
  /** Where the item came from (file name, catalog id); shown on hover. */
  source?: string;
  /** Class codes per pixel, for segmentation data. */
  mask?: PixelImage;
}

/** How items are drawn in grids. */
export interface ItemGridOptions extends ImageGridOptions {
  /** Names of numeric labels: `classes[label]`. */
  classes?: readonly string[];
  /** Names (and colours) of mask codes, for segmentation items. */
  maskClasses?: readonly (SegmentationClassInput | undefined)[];
  /** Mask opacity, 0–1; default 0.5. */
  maskOpacity?: number;
  /** Mask codes left undrawn (e.g. background). */
  maskHidden?: number[];
}

/** A label as text, through `classes` when it is a class index. */
export function labelText(label: string | number | undefined, classes: readonly string[] | undefined): string {
  if (label === undefined) return '';
  return typeof label === 'number' ? (classes?.[label] ?? String(label)) : label;
}

/** One grid cell for `image` (with `mask` drawn over it when given). */
export function itemCell(
  image: PixelImage | undefined,
  mask: PixelImage | undefined,
  what: string,
  cell: {caption?: string; color?: string; alt?: string},
  options: ItemGridOptions,
): ImageGridItem {
  if (!image) throw new RangeError(`${what} has no image to show`);
  try {
    const pixels = mask
      ? overlayPixels(image, mask, {...options, classes: options.maskClasses, opacity: options.maskOpacity, hidden: options.maskHidden})
      : image;
    // An overlay is display-ready already; only the origin flip must not happen twice.
    return gridItem({image: pixels, ...cell}, mask ? {...options, origin: 'upper'} : options);
  } catch (error) {
    throw new RangeError(`${what}: ${(error as Error).message}`, {cause: error});
  }
}
