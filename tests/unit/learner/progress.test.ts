import {describe, expect, it} from 'vitest';
import {Learner, mseLoss, type ProgressSpec} from '../../../src/lib';
import {linearData, linearModel} from './fixtures';

/** Just enough of a DOM for the progress bar: elements with children, text, style and value/max. */
class FakeElement {
  children: FakeElement[] = [];
  textContent = '';
  className = '';
  style: Record<string, string> = {};
  value = 0;
  max = 1;
  constructor(
    readonly tagName: string,
    readonly ownerDocument: {createElement(tag: string): FakeElement},
  ) {}
  append(...nodes: FakeElement[]): void {
    this.children.push(...nodes);
  }
}

describe('progress reporting', () => {
  it('renders a bar into a DOM container and sends in-place specs to a display', async () => {
    const doc = {createElement: (tag: string) => new FakeElement(tag, doc)};
    const container = new FakeElement('div', doc);
    const specs: ProgressSpec[] = [];
    const ids = new Set<string | undefined>();
    const learn = new Learner(linearModel(), linearData({train: 64, valid: 32, batchSize: 16}), {
      loss: mseLoss(),
      progress: {
        container: container as unknown as HTMLElement,
        display: (spec, options) => {
          specs.push(spec as ProgressSpec);
          ids.add(options?.id);
        },
        throttleMs: 0,
      },
    });
    await learn.fit(2, 0.01);
    const [root] = container.children;
    const [bar, text] = root.children;
    expect(bar.tagName).toBe('progress');
    expect([bar.value, bar.max]).toEqual([12, 12]); // 2 epochs × (4 train + 2 valid batches)
    expect(text.textContent).toMatch(/^epoch 2\/2 12\/12 · train_loss [\d.e-]+ · valid_loss [\d.e-]+ · [\d.]+s · done$/);
    expect(ids.size).toBe(1);
    const values = specs.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(specs.at(-1)).toMatchObject({state: 'done', value: 12, total: 12});
    expect(specs.some((s) => s.state === 'running' && s.eta !== undefined && s.eta > 0)).toBe(true);
  });
});
