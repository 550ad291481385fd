export * from './normalize.ts';
export * from './segment.ts';
export * from './taxonomy.ts';
