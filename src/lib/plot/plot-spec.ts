/**
 * The `plot` display spec: charts (lines, scatter, bars, heatmaps) as plain data. Library code builds these in the
 * kernel worker (or in Node); the page draws them with plotly. The shape is ours, not plotly's, so specs stay small,
 * typed and stable, and the renderer owns every styling decision (theme, fonts, colours of the app).
 *
 * Values are plain arrays, never typed arrays, so a spec also survives JSON (saved outputs, share links). Missing or
 * non-finite values are `null`: the renderer draws them as gaps.
 */
import type {DisplaySpec} from '../display';
import type {RgbaImage} from './image/rgba-image';

/** A value on a numeric axis; `null` marks a gap (missing or non-finite). */
export type PlotValue = number | null;

/** How an axis maps values to positions. */
export type AxisScale = 'linear' | 'log' | 'category';

/** One axis of a panel. */
export interface PlotAxis {
  /** Axis title, e.g. `epoch` or `learning rate`. */
  title?: string;
  scale?: AxisScale;
  /** Visible range in data units (for a log axis too: the renderer converts). */
  range?: [number, number];
  /** Draw from high to low (heatmaps put the first row on top). */
  reversed?: boolean;
  /** Hide tick labels and grid (embeddings, whose coordinates mean nothing). */
  hidden?: boolean;
  /** A d3-format string for tick labels, e.g. `.0%` or `.1e`. */
  tickFormat?: string;
}

/** A vertical line across a panel, e.g. a suggested learning rate or an epoch boundary. */
export interface PlotMarker {
  x: number;
  label?: string;
  /** A CSS colour; the theme's muted colour when absent. */
  color?: string;
  dash?: LineDash;
}

/** One subplot. Panels sit side by side, left to right, in the order given. */
export interface PlotPanel {
  title?: string;
  xAxis?: PlotAxis;
  yAxis?: PlotAxis;
  markers?: PlotMarker[];
  /** Keep one data unit the same length on both axes (embeddings, images). */
  equalAspect?: boolean;
}

/** The line style of a line trace or marker. */
export type LineDash = 'solid' | 'dash' | 'dot';

/** A named colour scale for continuous values (heatmaps, scatter colouring); `rdbu` diverges around the middle. */
export type ColorScaleName = 'viridis' | 'cividis' | 'blues' | 'greens' | 'greys' | 'reds' | 'hot' | 'ylgnbu' | 'rdbu';

/** Fields every trace has. */
export interface TraceBase {
  /** Legend entry and hover title. */
  name?: string;
  /** Which panel the trace is drawn in (index into `layout.panels`); 0 when absent. */
  panel?: number;
  /** Whether the trace has a legend entry; default: when it has a name. */
  showLegend?: boolean;
  /** A CSS colour; the theme's palette picks one when absent. */
  color?: string;
  /** 0 (invisible) to 1 (opaque). */
  opacity?: number;
}

/** A line through points in x order (loss curves, lr finder). */
export interface LineTrace extends TraceBase {
  kind: 'line';
  x: number[];
  y: PlotValue[];
  /** Line width in CSS pixels. */
  width?: number;
  dash?: LineDash;
  /** Draw a dot on every point as well (short series such as per-epoch values). */
  points?: boolean;
}

/** Points without lines (embeddings, predictions vs targets). */
export interface ScatterTrace extends TraceBase {
  kind: 'scatter';
  x: PlotValue[];
  y: PlotValue[];
  /** Marker diameter in CSS pixels. */
  size?: number;
  /** A colour per point (overrides `color`). */
  colors?: string[];
  /** Continuous values mapped through `colorScale` (overrides `color` and `colors`). */
  values?: PlotValue[];
  colorScale?: ColorScaleName;
  /** Shown on hover, one per point. */
  hoverText?: string[];
  /**
   * Where each point came from (its index in the caller's data set). Selections made on the page report these, so
   * a selection can be mapped back to items. Absent: the point's position in this trace.
   */
  ids?: number[];
  /** A small image per point, shown when the point is hovered or selected (linked embedding explorer). */
  thumbnails?: RgbaImage[];
}

/** Bars, vertical unless `horizontal`. Histograms are bars with a width per bin. */
export interface BarTrace extends TraceBase {
  kind: 'bar';
  /** Bar positions: category labels or numbers (bin centres). */
  x: (string | number)[];
  y: number[];
  /** Bar widths in x units (histogram bins); default: the renderer's. */
  widths?: number[];
  horizontal?: boolean;
  /** A colour per bar (overrides `color`). */
  colors?: string[];
  /** Shown on hover, one per bar. */
  hoverText?: string[];
}

/** A grid of values drawn as coloured cells (confusion matrices, attention maps). */
export interface HeatmapTrace extends TraceBase {
  kind: 'heatmap';
  /** Rows of values; `z[row][column]`. */
  z: PlotValue[][];
  /** Column labels (or positions), left to right. */
  x?: (string | number)[];
  /** Row labels (or positions), in row order. */
  y?: (string | number)[];
  colorScale?: ColorScaleName;
  /** Limits of the colour scale; the data's min and max when absent. */
  zMin?: number;
  zMax?: number;
  /** Text drawn in each cell, `cellText[row][column]` (counts, percentages). */
  cellText?: string[][];
  /** Text shown on hover, `hoverText[row][column]`. */
  hoverText?: string[][];
  /** Whether to draw the colour bar; default true. */
  showScale?: boolean;
  /** Title of the colour bar. */
  scaleTitle?: string;
}

/** Every kind of trace a plot can hold. */
export type PlotTrace = LineTrace | ScatterTrace | BarTrace | HeatmapTrace;

/** Sizes and panels of a plot. */
export interface PlotLayout {
  /** Subplots; one panel when absent. */
  panels?: PlotPanel[];
  /** Height in CSS pixels; the renderer's default when absent. The width always follows the container. */
  height?: number;
  /** Whether to show the legend; default: when more than one trace has a name. */
  showLegend?: boolean;
  /** How bars at one position share it; default `group`. */
  barMode?: 'group' | 'overlay' | 'stack';
}

/** A chart. */
export interface PlotSpec extends DisplaySpec {
  readonly $display: 'plot';
  title?: string;
  /** What the chart shows, in words, for screen readers (its accessible description). */
  description?: string;
  traces: PlotTrace[];
  layout: PlotLayout;
}

/** Whether a display spec is a plot. */
export function isPlotSpec(spec: DisplaySpec): spec is PlotSpec {
  return spec.$display === 'plot';
}
