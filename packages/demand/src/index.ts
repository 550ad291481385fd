export * from './register.ts';
export * from './seeker-record.ts';
