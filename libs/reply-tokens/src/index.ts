export * from './reply-token.codec';
export * from './reply-token-config';
