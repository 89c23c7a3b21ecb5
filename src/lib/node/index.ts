/** Node-only helpers (file system, Dawn WebGPU). Import from here in Node scripts; never from the browser app. */
export * from './dawn';
export * from './fits';
export * from './image-decoder';
export * from './data-files';
