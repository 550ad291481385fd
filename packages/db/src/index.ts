export * from './bulk-insert.ts';
export * from './client.ts';
export * from './id.ts';
export { migrationsFolder } from './migrate.ts';
export * from './outbox/consumer.ts';
export * from './outbox/publish.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './versioned-update.ts';
