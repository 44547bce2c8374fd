import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationScope {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/** The id that ties together everything one request caused: HTTP, NATS messages, socket events. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `fn` with the given correlation id (a fresh one when absent) as the current one. */
export function runWithCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return storage.run({ correlationId: sanitizeCorrelationId(correlationId) ?? randomUUID() }, fn);
}

/** Accepts a caller's id only if it is a short token, so logs cannot be flooded or forged. */
export function sanitizeCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

/**
 * The correlation id a socket.io client sent when it connected: the `x-request-id` header, or
 * `auth.requestId` for browsers, which cannot set headers on a WebSocket handshake.
 */
export function correlationFromHandshake(handshake: {
  headers: Record<string, string | string[] | undefined>;
  auth?: Record<string, unknown>;
}): string | undefined {
  return (
    sanitizeCorrelationId(handshake.headers['x-request-id']) ??
    sanitizeCorrelationId(handshake.auth?.requestId)
  );
}
