/**
 * Kernel → page events, batched: one postMessage every few milliseconds at most, and a newer status, value,
 * keyed display or telemetry of a cell replaces an older one still waiting (a fast generator or progress bar does
 * not flood the page). Order is kept otherwise.
 */
import type {EventMessage, KernelEvent} from './protocol';

const FLUSH_MS = 30;

function keyOf(event: KernelEvent): string | undefined {
  switch (event.type) {
    case 'status':
    case 'value':
    case 'telemetry':
      return `${event.type}:${event.cellId}`;
    case 'display':
      return event.key === undefined ? undefined : `display:${event.cellId}:${event.key}`;
    case 'analysis':
      return 'analysis';
    default:
      return undefined;
  }
}

export class Outbox {
  private queue: (KernelEvent | undefined)[] = [];
  private index = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (message: EventMessage) => void) {}

  send(event: KernelEvent): void {
    if (event.type === 'clear') {
      // Outputs of the run being cleared never need to reach the page.
      for (const [key, i] of this.index) {
        if ((key.startsWith('display:') || key.startsWith('value:')) && key.split(':')[1] === event.cellId) {
          this.index.delete(key);
          this.queue[i] = undefined;
        }
      }
    }
    const key = keyOf(event);
    const existing = key === undefined ? undefined : this.index.get(key);
    if (existing !== undefined) {
      this.queue[existing] = event;
    } else {
      if (key !== undefined) this.index.set(key, this.queue.length);
      this.queue.push(event);
    }
    // A cell that starts running may never yield again (a loop that never awaits): tell the page now.
    if (event.type === 'status' && event.status === 'running') this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.queue.filter((e): e is KernelEvent => e !== undefined);
    this.queue = [];
    this.index.clear();
    if (events.length) this.post({events});
  }
}
