export * from './document.ts';
export * from './meilisearch-index.ts';
export * from './port.ts';
export * from './postgres-index.ts';
