/**
 * `plotTopLosses`: the items a model got most wrong, as fastai's `plot_top_losses` shows them: each captioned
 * `prediction / actual / loss / probability`, framed red when the prediction is wrong. Segmentation items show the
 * target mask and the predicted mask side by side.
 */
import {gridLayout, type ImageGridItem, type ImageGridSpec} from '../image/image-grid';
import type {PixelImage} from '../image/rgba-image';
import {WRONG_COLOR} from '../palette';
import {itemCell, labelText, type ItemGridOptions, type ItemPreviewLike} from './item-image';

/** One top-loss entry (structural): the item, what was predicted and the loss. */
export interface TopLossItemLike {
  /** The item as the data loader previews it; or give `image`/`actual`/`mask` directly. */
  item?: ItemPreviewLike;
  image?: PixelImage;
  /** The true label; `item.label` when absent. */
  actual?: string | number;
  predicted?: string | number;
  loss: number;
  /** The model's probability for its prediction (classification). */
  probability?: number;
  /** Share of the item's pixels segmented correctly (segmentation). */
  pixelAccuracy?: number;
  /** True class mask (segmentation); `item.mask` when absent. */
  mask?: PixelImage;
  /** Predicted class mask (segmentation). */
  predictedMask?: PixelImage;
}

/** Options of `plotTopLosses`. */
export type TopLossesOptions = ItemGridOptions;

function format(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

/**
 * A grid of the top losses.
 *
 * @example plotTopLosses(await interp.topLosses(9), {classes: dls.classes})
 */
export function plotTopLosses(items: readonly TopLossItemLike[], options: TopLossesOptions = {}): ImageGridSpec {
  const cells: ImageGridItem[] = [];
  let segmentation = false;
  items.forEach((entry, i) => {
    const image = entry.image ?? entry.item?.image;
    const actual = labelText(entry.actual ?? entry.item?.label, options.classes);
    const mask = entry.mask ?? entry.item?.mask;
    const what = `top loss ${i}`;
    if (entry.predictedMask) {
      segmentation = true;
      cells.push(itemCell(image, mask, what, {caption: `target · loss ${format(entry.loss)}`}, options));
      cells.push(itemCell(image, entry.predictedMask, what, {caption: 'predicted', color: WRONG_COLOR}, options));
      return;
    }
    if (entry.predicted === undefined) {
      // Segmentation without masks to compare (or a regression): the loss says it all.
      const accuracy = entry.pixelAccuracy === undefined ? '' : ` · pixel accuracy ${format(entry.pixelAccuracy)}`;
      const caption = `${actual ? `${actual} · ` : ''}loss ${format(entry.loss)}${accuracy}`;
      cells.push(itemCell(image, mask, what, {caption}, options));
      return;
    }
    const predicted = labelText(entry.predicted, options.classes);
    const wrong = predicted !== actual;
    const parts = [predicted, actual || '?', format(entry.loss)];
    if (entry.probability !== undefined) parts.push(format(entry.probability));
    const cell = {
      caption: parts.join(' / '),
      // Only wrong predictions are marked: a grid of red and green frames would shout.
      color: wrong ? WRONG_COLOR : undefined,
      alt: `predicted ${predicted}, actual ${actual || 'unknown'}, loss ${format(entry.loss)}` +
        (entry.probability !== undefined ? `, probability ${format(entry.probability)}` : ''),
    };
    cells.push(itemCell(image, mask, what, cell, options));
  });
  const title = options.title ?? (segmentation ? 'Top losses: target / predicted' : 'Top losses: prediction / actual / loss / probability');
  const layout = gridLayout({...options, title: undefined, columns: options.columns ?? (segmentation ? 2 : undefined)});
  return {$display: 'image-grid', title, items: cells, ...layout};
}
