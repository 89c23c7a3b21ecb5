/**
 * Plots, images and tables as display specs: plain, structured-cloneable objects built in the kernel worker (or in
 * Node) and drawn by the page's renderers (src/app/render). Plus the embeddings that feed them (PCA, t-SNE).
 */
export * from './plot-spec';
export * from './palette';
export {type MatrixInput} from './matrix';

export {type ChartOptions} from './charts/chart-frame';
export {linePlot, type LinePlotData, type LinePlotOptions, type LineSeries} from './charts/line-plot';
export {scatterPlot, type ScatterPlotOptions, type ScatterPoints} from './charts/scatter-plot';
export {histogram, histogramEdges, countBins, type Histogram, type HistogramOptions} from './charts/histogram';
export {barChart, type BarChartData, type BarChartOptions} from './charts/bar-chart';
export {heatmap, type HeatmapOptions} from './charts/heatmap';
export {confusionMatrixPlot, normalizeConfusion, type ConfusionMatrixLike, type ConfusionMatrixOptions, type ConfusionNormalization} from './charts/confusion-matrix';

export {isRgbaImage, type PixelImage, type RgbaImage, type TensorLike} from './image/rgba-image';
export {colormapLut, type Colormap, type ColormapFunction, type ColormapName} from './image/colormap';
export {toRgba, type PixelMapping, type RgbaConversion} from './image/to-rgba';
export {imageSpec, type Colorbar, type ImageOptions, type ImageSpec} from './image/image-spec';
export {imageGridFromTensor, imageSpecFromTensor, pixelImageFromTensor, pixelImagesFromTensor} from './image/tensor-image';
export {astroImageSpec, type AstroImageOptions} from './image/astro-image';
export {imageGrid, type ImageGridInput, type ImageGridItem, type ImageGridOptions, type ImageGridSpec} from './image/image-grid';
export {blendMask, type ClassMask, type SegmentationClass} from './image/blend-mask';
export {segmentationOverlay, type SegmentationClassInput, type SegmentationOptions, type SegmentationSpec} from './image/segmentation';

export {tableSpec, type TableCell, type TableColumn, type TableColumnInput, type TableData, type TableOptions, type TableSpec} from './table/table-spec';

export {plotHistory, type HistoryPlotOptions, type SeriesLike, type TrainingHistoryLike} from './learner/history-plot';
export {plotLrFind, type LrFindPlotOptions, type LrFindResultLike, type LrSuggestionsLike} from './learner/lr-find-plot';
export {plotTopLosses, type TopLossItemLike, type TopLossesOptions} from './learner/top-losses';
export {showBatchPlot, type ShowBatchDataLike, type ShowBatchOptions} from './learner/show-batch';
export {type ItemGridOptions, type ItemPreviewLike} from './learner/item-image';

export {pca, pcaTransform, type PcaOptions, type PcaResult} from './embedding/pca';
export {tsne, type TsneOptions, type TsneProgress, type TsneResult} from './embedding/tsne';
export {nearestNeighbors, neighborPreservation, type Neighbors} from './embedding/nearest-neighbors';
export {embeddingPlot} from './embedding/embedding-plot';
