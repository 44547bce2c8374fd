export * from './data-source';
export * from './database.module';
export * from './transaction';
export * from './unavailable';
export * from './prepared-statements';
export * from './batcher';
