/**
 * The linked embedding explorer: beside a scatter plot whose points carry thumbnails, shows the image of the hovered
 * point and, after a lasso or box selection, the images of the selected points. Each selection is also announced as
 * a `deepsky:selection` DOM event (bubbling) whose detail lists the selected points' ids, so the notebook can turn
 * it into a value other cells use.
 */
import type {PlotDatum, PlotlyHTMLElement} from 'plotly.js-dist-min';
import type {PlotSpec, ScatterTrace} from '../../lib/plot/plot-spec';
import {autoZoom, imageCanvas} from './canvas';

/** The detail of a `deepsky:selection` event. */
export interface SelectionDetail {
  /** The selected points' ids (`ScatterTrace.ids`: their indices in the caller's data). */
  ids: number[];
}

/** Thumbnails shown for one selection at most (the count says how many were selected). */
const MAX_SHOWN = 60;
const PREVIEW_SIZE = 96;
const SELECTED_SIZE = 48;

function pointOf(spec: PlotSpec, datum: PlotDatum): {trace: ScatterTrace; index: number} | undefined {
  const trace = spec.traces[datum.curveNumber];
  return trace?.kind === 'scatter' ? {trace, index: datum.pointNumber} : undefined;
}

function describe(trace: ScatterTrace, index: number): string {
  return trace.hoverText?.[index] ?? [trace.name, `point ${trace.ids?.[index] ?? index}`].filter(Boolean).join(', ');
}

/** Wires the explorer panel `panel` to `graph`; `spec()` returns the spec drawn now (it changes with live updates). */
export function attachExplorer(graph: PlotlyHTMLElement, panel: HTMLElement, spec: () => PlotSpec): void {
  panel.className = 'ds-explorer';
  const preview = document.createElement('div');
  preview.className = 'ds-explorer-preview';
  preview.setAttribute('aria-live', 'polite');
  preview.textContent = 'Hover a point to see its image; lasso points to see them all.';
  const selection = document.createElement('div');
  selection.className = 'ds-explorer-selection';
  const status = document.createElement('p');
  status.className = 'ds-explorer-status';
  status.setAttribute('role', 'status');
  const thumbs = document.createElement('div');
  thumbs.className = 'ds-explorer-thumbs';
  selection.append(status, thumbs);
  panel.append(preview, selection);

  graph.on('plotly_hover', (event) => {
    const point = event.points[0] && pointOf(spec(), event.points[0]);
    const image = point?.trace.thumbnails?.[point.index];
    if (!point || !image) return;
    const text = describe(point.trace, point.index);
    const caption = document.createElement('p');
    caption.textContent = text;
    preview.replaceChildren(imageCanvas(image, autoZoom(image, PREVIEW_SIZE), text), caption);
  });

  const select = (points: readonly PlotDatum[]) => {
    const picked = points.map((d) => pointOf(spec(), d)).filter((p): p is {trace: ScatterTrace; index: number} => p !== undefined);
    const ids = picked.map(({trace, index}) => trace.ids?.[index] ?? index);
    status.textContent = picked.length ? `${picked.length} selected${picked.length > MAX_SHOWN ? `, first ${MAX_SHOWN} shown` : ''}` : '';
    thumbs.replaceChildren(
      ...picked.slice(0, MAX_SHOWN).flatMap(({trace, index}) => {
        const image = trace.thumbnails?.[index];
        if (!image) return [];
        const canvas = imageCanvas(image, autoZoom(image, SELECTED_SIZE), describe(trace, index));
        canvas.title = describe(trace, index);
        return [canvas];
      }),
    );
    graph.dispatchEvent(new CustomEvent<SelectionDetail>('deepsky:selection', {bubbles: true, detail: {ids}}));
  };
  graph.on('plotly_selected', (event) => select(event?.points ?? []));
  graph.on('plotly_deselect', () => select([]));
}
