export * from './definition';
export * from './fields';
export * from './values';
