export * from './auth.ts';
export * from './employee.ts';
export * from './feedback.ts';
export * from './jobs.ts';
export * from './loop.ts';
export * from './org.ts';
