export * from './api-keys.ts';
export * from './audit-log.ts';
export * from './employers.ts';
export * from './idempotency-keys.ts';
export * from './outbox.ts';
export * from './seekers.ts';
export * from './skills.ts';
export * from './vacancies.ts';
