export * from './bootstrap/index.ts';
export * from './clv.ts';
export * from './drivers/index.ts';
export * from './errors.ts';
export * from './linalg/index.ts';
export * from './panel/index.ts';
export * from './pls/index.ts';
export * from './random.ts';
