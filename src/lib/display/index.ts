export * from './types';
export * from './context';
