export * from './directory.ts';
export * from './place.ts';
export * from './prefix.ts';
export { shortNames } from './short-names.ts';
