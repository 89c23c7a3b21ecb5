/**
 * The quiet look of plots, taken from the app's stylesheet (src/app/styles.css): its text colours and font, hairline
 * grids, no backgrounds (the page shows through), the library's categorical palette.
 */
import {CATEGORICAL_PALETTE} from '../../lib/plot/palette';

/** Colours and font a plot is drawn with. */
export interface PlotTheme {
  foreground: string;
  muted: string;
  grid: string;
  axisLine: string;
  font: string;
  palette: readonly string[];
}

const FALLBACK: PlotTheme = {
  foreground: '#1d232b',
  muted: '#5f6b7a',
  grid: '#eceef1',
  axisLine: '#cfd4da',
  font: "system-ui, -apple-system, 'Segoe UI', sans-serif",
  palette: CATEGORICAL_PALETTE,
};

/** The theme for plots drawn inside `el`: the app's CSS variables where it sets them, fixed defaults elsewhere. */
export function plotTheme(el: Element): PlotTheme {
  const style = getComputedStyle(el);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    ...FALLBACK,
    foreground: css('--fg', FALLBACK.foreground),
    muted: css('--muted', FALLBACK.muted),
    font: style.fontFamily || FALLBACK.font,
  };
}

/** The theme without a document (Node tests). */
export const DEFAULT_PLOT_THEME: PlotTheme = FALLBACK;
