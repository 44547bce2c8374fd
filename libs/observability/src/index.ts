export * from './correlation';
export * from './health';
export * from './http-correlation.middleware';
export * from './logger';
export * from './metrics';
export * from './redact';
