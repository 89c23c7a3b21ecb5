/**
 * The `plot` renderer: plotly, loaded on the first plot, drawing into the output element. A newer spec for the same
 * element (a live training curve) updates the chart in place with `Plotly.react`; specs that arrive while a draw is
 * running are coalesced, so only the latest is drawn next.
 */
import type {Config, PlotlyHTMLElement} from 'plotly.js-dist-min';
import type {PlotSpec} from '../../lib/plot/plot-spec';
import {attachExplorer} from './explorer-panel';
import {plotlyFigure} from './plot-figure';
import {plotTheme} from './plot-theme';
import {loadPlotly} from './plotly-loader';

interface PlotState {
  figure: HTMLElement;
  graph: HTMLDivElement;
  description: HTMLElement;
  latest: PlotSpec;
  dirty: boolean;
  drawing?: Promise<void>;
  /** The explorer panel, until its events are wired (after the first draw). */
  explorer?: HTMLElement;
}

const states = new WeakMap<HTMLElement, PlotState>();
let ids = 0;

/** Plotly's options: follow the page's width, no logo, selection tools only where selecting does something. */
function config(explorer: boolean): Partial<Config> {
  return {responsive: true, displaylogo: false, displayModeBar: 'hover', modeBarButtonsToRemove: explorer ? [] : ['select2d', 'lasso2d']};
}

function hasThumbnails(spec: PlotSpec): boolean {
  return spec.traces.some((t) => t.kind === 'scatter' && t.thumbnails);
}

function build(el: HTMLElement, spec: PlotSpec): PlotState {
  el.replaceChildren();
  const figure = document.createElement('figure');
  figure.className = 'ds-plot';
  const graph = document.createElement('div');
  graph.className = 'ds-plot-graph';
  const loading = document.createElement('p');
  loading.className = 'ds-plot-loading';
  loading.textContent = 'Loading plot…';
  graph.append(loading);
  const description = document.createElement('p');
  description.className = 'ds-visually-hidden';
  description.id = `ds-plot-description-${++ids}`;
  figure.setAttribute('aria-describedby', description.id);
  figure.append(graph, description);
  const state: PlotState = {figure, graph, description, latest: spec, dirty: true};
  if (hasThumbnails(spec)) {
    state.explorer = document.createElement('aside');
    state.explorer.setAttribute('aria-label', 'Images of hovered and selected points');
    figure.classList.add('ds-plot-with-explorer');
    figure.append(state.explorer);
  }
  el.append(figure);
  return state;
}

/** Keeps the chart as wide as its box when the box changes without the window resizing (panels, grid columns). */
function followWidth(graph: HTMLDivElement, resize: () => void): void {
  let width = graph.clientWidth;
  new ResizeObserver(() => {
    if (graph.clientWidth === width || !graph.isConnected) return;
    width = graph.clientWidth;
    resize();
  }).observe(graph);
}

async function draw(state: PlotState): Promise<void> {
  const Plotly = await loadPlotly();
  state.graph.querySelector('.ds-plot-loading')?.remove();
  while (state.dirty) {
    state.dirty = false;
    const spec = state.latest;
    state.figure.setAttribute('aria-label', spec.title ?? 'Plot');
    state.description.textContent = spec.description ?? '';
    const {data, layout} = plotlyFigure(spec, plotTheme(state.figure));
    const first = !state.graph.classList.contains('js-plotly-plot');
    const graph = (await Plotly.react(state.graph, data, layout, config(hasThumbnails(spec)))) as PlotlyHTMLElement;
    if (first) followWidth(state.graph, () => Plotly.Plots.resize(graph));
    if (state.explorer) {
      attachExplorer(graph, state.explorer, () => state.latest);
      state.explorer = undefined;
    }
  }
}

/** Draws `spec` into `el`, or updates the plot already there. Resolves once the latest spec is on screen. */
export function renderPlot(spec: PlotSpec, el: HTMLElement): Promise<void> {
  const known = states.get(el);
  // Another renderer may have drawn into this element since: then start afresh.
  const state = known && el.contains(known.figure) ? known : build(el, spec);
  states.set(el, state);
  state.latest = spec;
  state.dirty = true;
  state.drawing ??= draw(state)
    .catch((error: unknown) => {
      const message = document.createElement('p');
      message.className = 'output-error';
      message.textContent = `Could not draw the plot: ${(error as Error).message}`;
      el.replaceChildren(message);
      states.delete(el);
    })
    .finally(() => {
      state.drawing = undefined;
    });
  return state.drawing;
}
