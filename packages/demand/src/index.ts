export * from './register.ts';
export * from './seeker-record.ts';
export * from './worth-ranking.ts';
