export * from './types.js';
export * from './normalize.js';
export * from './read-write.js';
export * from './atomic-write.js';
