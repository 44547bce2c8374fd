export * from './nats-server';
export * from './ports';
export * from './service-process';
export * from './test-env';
export * from './wait-for';
export * from './nats-client';
