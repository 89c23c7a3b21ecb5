import './styles.css';
import {KernelClient} from './kernel/kernel-client';
import {renderBackendBadge, renderBackendError} from './ui/backend-badge';

const kernel = new KernelClient();
const badge = document.querySelector<HTMLElement>('#backend-badge')!;

// A handle for the browser tests and for curious users in the devtools console.
Object.assign(globalThis, {deepSky: {kernel}});

kernel.request('init', undefined).then(
  (report) => renderBackendBadge(badge, report),
  (error) => renderBackendError(badge, error),
);
