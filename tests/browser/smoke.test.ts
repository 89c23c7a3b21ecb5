import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';

const app = useApp();

interface KernelHandle {
  kernel: {request(name: 'selfTest', args: undefined): Promise<{backend: string; product: number[]; ok: boolean}>};
}

describe('the built app in headless Chromium', () => {
  it('runs its kernel on webgpu, shows the adapter, and reads a matMul back correctly', async () => {
    const page = await app.open('/');
    const badge = page.getByRole('status', {name: 'Backend'});
    await expect.poll(() => badge.getAttribute('data-backend'), {timeout: 60_000}).toBe('webgpu');
    expect(await badge.textContent()).toMatch(/webgpu · \S/);
    const result = await page.evaluate(() => (globalThis as unknown as {deepSky: KernelHandle}).deepSky.kernel.request('selfTest', undefined));
    expect(result).toEqual({backend: 'webgpu', product: [19, 22, 43, 50], expected: [19, 22, 43, 50], ok: true});
    expect(app.errors).toEqual([]);
  });
});
