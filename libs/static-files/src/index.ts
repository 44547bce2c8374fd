export * from './public-dir';
export * from './static-files';
