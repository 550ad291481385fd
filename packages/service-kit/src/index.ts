export * from './app.ts';
export * from './config.ts';
export * from './idempotency.ts';
export * from './logger.ts';
export * from './personal-data.ts';
export * from './problem.ts';
export * from './server.ts';
