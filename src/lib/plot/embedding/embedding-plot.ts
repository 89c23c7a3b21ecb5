/**
 * `embeddingPlot`: a 2-D embedding (t-SNE, PCA) as a scatter plot made for exploring: equal axes without ticks
 * (the coordinates mean nothing), points coloured by class, and with thumbnails the linked explorer — hover a point
 * to see its image, lasso a cluster to see all of its images. The page also announces each selection as a
 * `deepsky:selection` event (the selected `ids`), for notebooks that want to use it.
 */
import {scatterPlot, type ScatterPlotOptions, type ScatterPoints} from '../charts/scatter-plot';
import type {PlotSpec} from '../plot-spec';

/**
 * A scatter plot of embedded points.
 *
 * @example embeddingPlot((await tsne(features)).coords, {labels, classes, thumbnails: images})
 */
export function embeddingPlot(points: ScatterPoints, options: ScatterPlotOptions = {}): PlotSpec {
  return scatterPlot(points, {title: 'Embedding', size: 5, opacity: 0.85, equalAspect: true, hideAxes: true, height: 520, ...options});
}
