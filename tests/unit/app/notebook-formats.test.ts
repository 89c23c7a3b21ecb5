import {describe, expect, it} from 'vitest';
import {newCell, type Cell} from '../../../src/app/notebook/model';
import {parseNotebookMarkdown, serializeNotebookMarkdown} from '../../../src/app/notebook/markdown-format';
import {fromIpynb, toIpynb} from '../../../src/app/notebook/ipynb';
import {decodeNotebook, encodeNotebook, MAX_SHARED_BYTES, SAFE_URL_LENGTH, sharedPayloadOf, shareUrl} from '../../../src/app/notebook/share';

const strip = (cells: Cell[]) => cells.map(({kind, source, manual, collapsed}) => ({kind, source, ...(manual ? {manual} : {}), ...(collapsed ? {collapsed} : {})}));

const CELLS: Cell[] = [
  newCell('markdown', '# Title\n\nMath $x^2$ and an example:\n\n```ts\nconst notACell = 1;\n```'),
  newCell('markdown', 'A second Markdown cell in a row.'),
  Object.assign(newCell('code', 'const a = 1;\nconst s = `x ``` y`;'), {manual: true}),
  Object.assign(newCell('code', 'a + 1'), {collapsed: true}),
];

describe('the .deepsky.md format', () => {
  it('round-trips cells, flags, examples in Markdown, and code containing backticks', () => {
    const text = serializeNotebookMarkdown({title: 'Demo: one', cells: CELLS});
    const back = parseNotebookMarkdown(text);
    expect(back.title).toBe('Demo: one');
    expect(strip(back.cells)).toEqual(strip(CELLS));
  });

  it('says where an unclosed code cell starts', () => {
    expect(() => parseNotebookMarkdown('Text\n\n```ts\nconst a = 1;\n')).toThrow(/line 3 has no closing/);
  });
});

describe('.ipynb', () => {
  it('round-trips through nbformat 4 with TypeScript as the language', () => {
    const nb = toIpynb({title: 'Demo', cells: CELLS});
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec).toMatchObject({language: 'typescript'});
    const json = JSON.parse(JSON.stringify(nb));
    const back = fromIpynb(json);
    expect(back.title).toBe('Demo');
    expect(back.warnings).toEqual([]);
    expect(strip(back.cells)).toEqual(strip(CELLS));
  });

  it('imports a Python notebook with a warning, and rejects what is not nbformat 4', () => {
    const python = fromIpynb({nbformat: 4, nbformat_minor: 4, metadata: {kernelspec: {language: 'python'}}, cells: [{cell_type: 'code', source: 'print(1)', metadata: {}}]});
    expect(python.warnings[0]).toMatch(/python/);
    expect(python.cells[0].source).toBe('print(1)');
    expect(() => fromIpynb({nbformat: 3, worksheets: []})).toThrow(/nbformat 3/);
    expect(() => fromIpynb({nbformat: 4})).toThrow(/"cells" is missing/);
    expect(() => fromIpynb({nbformat: 4, cells: [{source: 'x'}]})).toThrow(/cell 1 has no cell_type/);
  });
});

describe('share links', () => {
  it('carries the notebook (and a snapshot) in the fragment, compressed', () => {
    const snapshot = {takenAt: 1, backend: 'webgpu', cells: {[CELLS[3].id]: {text: '2', curve: [1, 0.5]}}};
    const encoded = encodeNotebook({title: 'Shared', cells: CELLS, snapshot});
    expect(encoded).toMatch(/^[\w-]+$/);
    const url = shareUrl('https://example.org/app/?src=x#old', encoded);
    expect(url).toBe(`https://example.org/app/#nb=${encoded}`);
    const back = decodeNotebook(sharedPayloadOf(new URL(url).hash)!);
    expect(back.title).toBe('Shared');
    expect(strip(back.cells)).toEqual(strip(CELLS));
    expect(back.snapshot).toEqual(snapshot);
    expect(back.cells[3].id).toBe(CELLS[3].id);
  });

  it('explains a damaged or truncated link', () => {
    const encoded = encodeNotebook({title: 'Shared', cells: CELLS});
    expect(() => decodeNotebook(encoded.slice(0, encoded.length >> 1))).toThrow(/cut short/);
    expect(() => decodeNotebook('@@@')).toThrow(/cut short/);
  });

  it('refuses a small link that would inflate past the size limit, before building the string', () => {
    const huge = encodeNotebook({title: ' '.repeat(MAX_SHARED_BYTES + 1), cells: CELLS});
    expect(huge.length).toBeLessThan(SAFE_URL_LENGTH * 10);
    expect(() => decodeNotebook(huge)).toThrow(/larger than 16 MB unpacked/);
    const large = encodeNotebook({title: ' '.repeat(MAX_SHARED_BYTES / 2), cells: CELLS});
    expect(decodeNotebook(large).title).toHaveLength(MAX_SHARED_BYTES / 2);
  });
});
