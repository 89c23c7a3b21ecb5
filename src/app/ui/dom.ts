/** A small helper for building DOM: h('button', {type: 'button', 'aria-label': 'Run'}, 'Run'). */
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | false | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== false && child !== undefined) el.append(child);
  return el;
}

/** An icon button: the symbol is decoration, the accessible name is `label` (also the tooltip). */
export function iconButton(label: string, symbol: string, onClick: () => void, extra: Attrs = {}): HTMLButtonElement {
  return h('button', {type: 'button', class: 'icon-button', 'aria-label': label, title: label, onclick: onClick, ...extra}, h('span', {'aria-hidden': 'true'}, symbol));
}
