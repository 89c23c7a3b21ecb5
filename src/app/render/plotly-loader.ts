/**
 * plotly.js is several megabytes: it is fetched the first time a plot is drawn, never with the app's first page
 * load. Every later plot reuses the same module.
 */
import type * as PlotlyModule from 'plotly.js-dist-min';

/** The plotly API. */
export type Plotly = (typeof PlotlyModule)['default'];

let loading: Promise<Plotly> | undefined;

/** plotly, imported on first use. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then(
    // The bundle is CommonJS: bundlers hand it over as the default export.
    (module) => module.default ?? (module as unknown as Plotly),
    (error: unknown) => {
      // A failed download (offline, a new deploy) may succeed on the next plot.
      loading = undefined;
      throw new Error(`could not load the plotting library (plotly.js): ${(error as Error).message}`, {cause: error});
    },
  );
  return loading;
}
