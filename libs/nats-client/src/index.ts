/**
 * `@switchboard/nats-client`: Switchboard on NATS for a service outside the monorepo (an
 * integration), with the credentials an admin issued. See README.md.
 */
// First: @switchboard/contracts declares its message classes with decorators that record their
// types through reflect-metadata (for validation where the services receive them), so loading
// it without the polyfill throws. The services' entry points load it themselves; an integration
// should not have to know.
import 'reflect-metadata';
export { connectIntegration } from './client';
export type {
  ConnectOptions,
  IntegrationClient,
  IntegrationRequest,
  RequestOptions,
} from './client';
export { credentialIdFromCreds } from './credentials';
export { SwitchboardError } from './errors';
export type { EventHandler, EventOptions, EventSubscription } from './events';

// The contract's types and the lists of what an integration may send, so that an integration
// needs this one package to type its calls and events.
export { ErrorCode, INTEGRATION_COMMANDS, INTEGRATION_QUERIES } from '@switchboard/contracts';
export type {
  EventEnvelope,
  EventOf,
  EventSubject,
  ErrorEnvelope,
  IntegrationCommand,
  IntegrationQuery,
  IntegrationSubject,
  ReplyOf,
  RequestOf,
} from '@switchboard/contracts';
