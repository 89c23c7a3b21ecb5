/**
 * Registers the renderers for the plotting module's display kinds (`plot`, `image`, `image-grid`, `segmentation`,
 * `table`) and their styles. Import once at startup; plotly itself loads only when the first plot is drawn.
 */
import type {ImageGridSpec} from '../../lib/plot/image/image-grid';
import type {ImageSpec} from '../../lib/plot/image/image-spec';
import type {SegmentationSpec} from '../../lib/plot/image/segmentation';
import type {PlotSpec} from '../../lib/plot/plot-spec';
import type {TableSpec} from '../../lib/plot/table/table-spec';
import {renderImageGrid} from './image-grid-renderer';
import {renderImage} from './image-renderer';
import {renderPlot} from './plot-renderer';
import {registerRenderer} from './registry';
import {renderSegmentation} from './segmentation-renderer';
import {renderTable} from './table-renderer';
import './render.css';

registerRenderer<PlotSpec>('plot', renderPlot);
registerRenderer<ImageSpec>('image', renderImage);
registerRenderer<ImageGridSpec>('image-grid', renderImageGrid);
registerRenderer<SegmentationSpec>('segmentation', renderSegmentation);
registerRenderer<TableSpec>('table', renderTable);

export {registerRenderer, renderDisplay, type Renderer} from './registry';
export type {SelectionDetail} from './explorer-panel';
