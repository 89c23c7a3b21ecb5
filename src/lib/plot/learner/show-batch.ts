/** `showBatchPlot`: a grid of a batch's items with their labels (what the data loaders' `showBatch` returns). */
import {gridLayout, type ImageGridSpec} from '../image/image-grid';
import {itemCell, labelText, type ItemGridOptions, type ItemPreviewLike} from './item-image';

/** What `showBatch` returns: the items of a batch, as stored (not normalised). */
export interface ShowBatchDataLike {
  items: readonly ItemPreviewLike[];
}

/** Options of `showBatchPlot`. */
export interface ShowBatchOptions extends ItemGridOptions {
  /** Show at most this many items. */
  max?: number;
}

/**
 * A grid of items captioned with their labels; segmentation items show their mask over the image.
 *
 * @example showBatchPlot(await dls.showBatch(), {columns: 8})
 */
export function showBatchPlot(data: ShowBatchDataLike | readonly ItemPreviewLike[], options: ShowBatchOptions = {}): ImageGridSpec {
  const items = (Array.isArray(data) ? data : (data as ShowBatchDataLike).items).slice(0, options.max);
  const cells = items.map((item, i) => {
    const caption = labelText(item.label, options.classes);
    const cell: {caption?: string; alt?: string} = caption ? {caption} : {};
    if (item.source) cell.alt = caption ? `${caption} (${item.source})` : item.source;
    return itemCell(item.image, item.mask, `item ${i}`, cell, options);
  });
  return {$display: 'image-grid', title: options.title ?? `Batch of ${cells.length}`, items: cells, ...gridLayout({...options, title: undefined})};
}
