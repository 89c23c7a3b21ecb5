/** What every chart builder shares: titles, axes and the one-panel frame of a plot spec. */
import type {PlotAxis, PlotPanel, PlotSpec} from '../plot-spec';

/** Titles, scales and markers shared by the chart builders. */
export interface ChartOptions {
  title?: string;
  /** Accessible description; a summary is generated when absent. */
  description?: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
  xRange?: [number, number];
  yRange?: [number, number];
  /** Height in CSS pixels. */
  height?: number;
}

/** The axis described by a label, log flag and range. */
export function axis(title: string | undefined, log: boolean | undefined, range: [number, number] | undefined): PlotAxis {
  const a: PlotAxis = {};
  if (title !== undefined) a.title = title;
  if (log) a.scale = 'log';
  if (range) a.range = range;
  return a;
}

/** A plot spec without its traces. */
export type ChartFrame = Omit<PlotSpec, 'traces'>;

/**
 * The parts of a one-panel plot spec that every chart builder sets from `ChartOptions`; `panel` adds to the panel
 * (markers, equal aspect).
 */
export function chartFrame(options: ChartOptions, description: string, panel: Partial<PlotPanel> = {}): ChartFrame {
  const xAxis = {...axis(options.xLabel, options.logX, options.xRange), ...panel.xAxis};
  const yAxis = {...axis(options.yLabel, options.logY, options.yRange), ...panel.yAxis};
  const frame: ChartFrame = {
    $display: 'plot',
    description: options.description ?? description,
    layout: {panels: [{...panel, xAxis, yAxis}]},
  };
  if (options.title !== undefined) frame.title = options.title;
  if (options.height !== undefined) frame.layout.height = options.height;
  return frame;
}
