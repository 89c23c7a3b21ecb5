/** Node-only helpers (file system, Dawn WebGPU). Import from here in Node scripts; never from the browser app. */
export * from './dawn';
