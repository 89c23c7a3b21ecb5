/**
 * Plotly draws titles, legend entries, tick labels and hover text as a small HTML dialect (`<b>`, `<br>`, `<a>`).
 * Strings from users and data must show as written, so they are escaped; a line break in them becomes `<br>`.
 */

/** `text` as plotly pseudo-HTML that displays exactly `text` (line breaks kept). */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

/** Category labels escaped; numbers stay numbers (they position bars on numeric axes). */
export function plotlyLabels(labels: readonly (string | number)[]): (string | number)[] {
  return labels.map((l) => (typeof l === 'string' ? plotlyText(l) : l));
}
