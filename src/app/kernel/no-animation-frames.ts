/// <reference lib="webworker" />
/**
 * Imported first by the kernel worker. Chromium gives dedicated workers requestAnimationFrame, and throttles it (to
 * nothing) while the page is hidden. @observablehq/runtime schedules every recompute and generator step on it, and
 * tf.nextFrame() too, so with it a training cell would stall in a background tab. Without it both fall back to
 * timers, which keep running in a worker of a hidden page.
 */
const scope = self as unknown as Record<string, unknown>;
for (const name of ['requestAnimationFrame', 'cancelAnimationFrame']) {
  if (name in scope) {
    try {
      delete scope[name];
    } catch {
      // not configurable: shadow it below
    }
    if (typeof scope[name] === 'function') Object.defineProperty(self, name, {value: undefined, configurable: true, writable: true});
  }
}
export {};
