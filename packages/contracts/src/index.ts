export * from './auth.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './interactions.ts';
export * from './org.ts';
export * from './responses.ts';
export * from './surveys.ts';
export * from './webhooks.ts';
