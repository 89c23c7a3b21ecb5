/**
 * Test page for tests/browser/plot-render.test.ts: the plotting module's renderers on their own, driven from the test
 * through `window.plotRenderTest`. It imports the renderers the way the notebook does (src/app/render), so plotly
 * must still load only when the first plot is drawn.
 */
import '../../../src/app/styles.css';
import {renderDisplay} from '../../../src/app/render';
// The builders by file, not the library index: the index brings tfjs, which this page does not need.
import {linePlot} from '../../../src/lib/plot/charts/line-plot';
import {imageSpec} from '../../../src/lib/plot/image/image-spec';
import {tableSpec} from '../../../src/lib/plot/table/table-spec';

const outputs = document.getElementById('outputs')!;

function output(id: string): HTMLElement {
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement('div');
    el.id = id;
    outputs.append(el);
  }
  return el;
}

const api = {
  /** A loss curve; called again with more values it updates the same output. */
  line: (losses: number[]) => renderDisplay(linePlot({loss: losses}, {title: '<img src=x onerror="window.hacked=1"> loss', xLabel: 'batch'}), output('line')),
  /** A 3×2 RGBA image whose pixel (2, 1) is (10, 200, 30). */
  image: () => {
    const data = new Uint8ClampedArray(3 * 2 * 4).fill(255);
    data.set([10, 200, 30, 255], (1 * 3 + 2) * 4);
    return renderDisplay(imageSpec({width: 3, height: 2, data}, {caption: 'three by two'}), output('image'));
  },
  /** A catalog with markup in its cells. */
  table: () =>
    renderDisplay(
      tableSpec(
        [
          {name: '<b>bold</b><script>window.hacked=1</script>', mag: 21.5},
          {name: 'NGC 1300', mag: 11.4},
          {name: 'M 31', mag: 3.4},
        ],
        {caption: 'objects', columns: ['name', {name: 'mag', unit: 'mag'}]},
      ),
      output('table'),
    ),
};

Object.assign(globalThis, {plotRenderTest: api});
