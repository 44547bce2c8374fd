export * from './load-config';
export * from './service-config';
export * from './ports';
export * from './secret';
export * from './trust-proxy';
