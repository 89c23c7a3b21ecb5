export * from './types';
export {initBackend, describeAdapter, type InitBackendOptions} from './init-backend';
