export * from './normalize.ts';
export * from './segment.ts';
export * from './skill-records.ts';
export * from './synonym-groups.ts';
export * from './taxonomy.ts';
