import { STREAMS } from './bus-access';
import { Headers } from './envelope';
import { ErrorCode } from './errors';
import { JsonSchema, JsonSchemas } from './json-schema';
import {
  INTEGRATION_COMMANDS,
  INTEGRATION_EVENTS_STREAM,
  INTEGRATION_QUERIES,
  integrationInboxPrefix,
  integrationSubject,
  workspaceEventSubject,
} from './integration-access';
import { eventClasses, requestRoutes } from './subject-map';

/**
 * The NATS interface as an AsyncAPI 3 document, read off the subject map: one channel and one
 * operation per subject, payload schemas from the classes' validation rules. `npm run asyncapi`
 * writes it to asyncapi.json (committed; a spec fails when it drifts) and the gateway serves it.
 */

/**
 * The reply type of each request class, by name, read from subject-map.ts's source text
 * (`route(CreateTicketV1, returns<TicketSummaryV1>())`): replies are TypeScript types only, so
 * the compiled code cannot tell them. A namespace prefix (`wire.`) is dropped.
 */
export function replyTypeNames(subjectMapSource: string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [, request, reply] of subjectMapSource.matchAll(
    /route\(\s*([\w.]+),\s*returns<([\s\S]+?)>\(\),?\s*\)/g,
  )) {
    names[request.replace(/^\w+\./, '')] = reply.replace(/^\w+\./, '').replace(/\s+/g, ' ');
  }
  return names;
}

/** Channel, operation and component ids allow only `[A-Za-z0-9_-]`: the subject's dots go. */
const idOf = (subject: string) => subject.replaceAll('.', '_');

const SCHEMAS = '#/components/schemas/';
const MESSAGES = '#/components/messages/';

const DESCRIPTION = `The helpdesk services talk over NATS; this document lists every subject of libs/contracts.

**Commands and queries** (\`helpdesk.cmd.*\`, \`helpdesk.qry.*\`) are NATS requests in NestJS's framing: the request is \`{ pattern, data, id }\` with \`pattern\` = the subject and \`data\` = the payload class; the reply, sent to the request's inbox, is \`{ response }\` or \`{ err: ErrorEnvelope }\`. Replies are TypeScript types in libs/contracts without validation rules, so every reply's \`response\` is typed by name only (the reply message's title and description), not field by field.

**Events** (\`${STREAMS.events.subjects}\`) are published to the JetStream stream ${STREAMS.events.name} in the EventEnvelope, whose \`data\` is the event's payload class. The \`Nats-Msg-Id\` header is the envelope's id, so JetStream drops a republished event within its duplicate window.

**Headers**: \`${Headers.correlationId}\` on every message carries the correlation id across services; events also carry \`Nats-Msg-Id\` and \`${Headers.eventType}\` (the subject).

**Integrations** (services outside Switchboard, with NATS credentials an admin issued through \`POST /api/v1/integrations\`) use the \`helpdesk.int.{credentialId}.…\` channels: the same requests without \`actor\`, which api-gateway sets from the credential (its workspace; a \`read-only\` credential may send the queries, an \`agent\` one the commands too; the NATS server refuses anything else), with replies to the inbox prefix \`${integrationInboxPrefix('{credentialId}')}\`. Their events are the \`helpdesk.ws.{workspaceId}.evt.…\` channels, read from the JetStream stream ${INTEGRATION_EVENTS_STREAM.name} through the durable consumer named after the credential id (api-gateway makes it; an event may come twice: deduplicate on the envelope's id). libs/nats-client does all of this.

Subjects are frozen: a subject is never renamed or changed incompatibly in place; a breaking change is a new subject ending in \`.v2\`, published beside the old one.`;

const correlationId = {
  type: 'string',
  description: 'The correlation id of the request or change that caused this message.',
};

const REQUEST_HEADERS: JsonSchema = {
  type: 'object',
  title: 'RequestHeaders',
  properties: { [Headers.correlationId]: correlationId },
};

const EVENT_HEADERS: JsonSchema = {
  type: 'object',
  title: 'EventHeaders',
  properties: {
    [Headers.correlationId]: correlationId,
    'Nats-Msg-Id': {
      type: 'string',
      format: 'uuid',
      description: 'The envelope id: JetStream drops a second publish of it (dedupe).',
    },
    [Headers.eventType]: { type: 'string', description: 'The event subject.' },
  },
  required: ['Nats-Msg-Id'],
};

const ERROR_ENVELOPE: JsonSchema = {
  type: 'object',
  title: 'ErrorEnvelope',
  description: 'What every failed request answers with (libs/contracts/src/errors.ts).',
  properties: {
    code: { type: 'string', enum: Object.values(ErrorCode) },
    message: { type: 'string' },
    details: {
      type: 'object',
      properties: {
        fields: {
          type: 'array',
          description: 'The fields that failed validation.',
          items: {
            type: 'object',
            properties: {
              field: { type: 'string' },
              errors: { type: 'array', items: { type: 'string' } },
            },
            required: ['field', 'errors'],
          },
        },
        errorId: { type: 'string', description: 'The id an internal error was logged with.' },
      },
    },
  },
  required: ['code', 'message'],
};

const ERROR_REPLY: JsonSchema = {
  type: 'object',
  title: 'ErrorReply',
  description: 'The reply of a request that failed.',
  properties: { err: { $ref: `${SCHEMAS}ErrorEnvelope` } },
  required: ['err'],
};

const EVENT_ENVELOPE: JsonSchema = {
  type: 'object',
  title: 'EventEnvelope',
  description:
    'Every event on JetStream travels in this envelope (libs/contracts/src/envelope.ts).',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Unique per event; the Nats-Msg-Id.' },
    type: { type: 'string', description: 'The versioned subject.' },
    occurredAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string' },
    workspaceId: { type: 'string', format: 'uuid' },
    data: { description: "The event's payload class." },
  },
  required: ['id', 'type', 'occurredAt', 'correlationId', 'workspaceId', 'data'],
};

/** A request on channel `id` and its reply on the same channel (NATS answers to an inbox). */
const sendOperation = (id: string, title: string) => ({
  action: 'send',
  title,
  channel: { $ref: `#/channels/${id}` },
  messages: [{ $ref: `#/channels/${id}/messages/request` }],
  reply: {
    channel: { $ref: `#/channels/${id}` },
    messages: [{ $ref: `#/channels/${id}/messages/reply` }],
  },
});

const receiveOperation = (id: string, title: string) => ({
  action: 'receive',
  title,
  channel: { $ref: `#/channels/${id}` },
  messages: [{ $ref: `#/channels/${id}/messages/event` }],
});

/** The AsyncAPI 3.0.0 document; `replyTypes` comes from `replyTypeNames` (else "unknown"). */
export function asyncApiDocument(replyTypes: Record<string, string> = {}) {
  const schemas = new JsonSchemas(SCHEMAS);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const [subject, { request }] of Object.entries(requestRoutes)) {
    const id = idOf(subject);
    const kind = subject.startsWith('helpdesk.cmd.') ? 'Command' : 'Query';
    const reply = replyTypes[request.name] ?? 'unknown';
    messages[request.name] ??= {
      name: request.name,
      title: request.name,
      contentType: 'application/json',
      headers: { $ref: `${SCHEMAS}RequestHeaders` },
      payload: {
        type: 'object',
        description: "NestJS's request framing around the payload class.",
        properties: {
          pattern: { type: 'string', description: 'The subject.' },
          data: schemas.ref(request),
          id: { type: 'string', description: 'Set by the caller to match the reply.' },
        },
        required: ['pattern', 'data', 'id'],
      },
    };
    messages[`${request.name}.reply`] ??= {
      name: `${request.name}.reply`,
      title: reply,
      summary: `The reply to ${request.name}: a ${reply} or an error envelope.`,
      description: `\`response\` is a \`${reply}\`, a TypeScript type of libs/contracts (named, not described field by field).`,
      contentType: 'application/json',
      headers: { $ref: `${SCHEMAS}RequestHeaders` },
      payload: {
        oneOf: [
          {
            type: 'object',
            properties: { response: { title: reply, description: `A ${reply}.` } },
            required: ['response'],
          },
          { $ref: `${SCHEMAS}ErrorReply` },
        ],
      },
    };
    channels[id] = {
      address: subject,
      title: request.name,
      description: `${kind} (NATS request/reply): payload ${request.name}, reply ${reply}.`,
      messages: {
        request: { $ref: `${MESSAGES}${request.name}` },
        reply: { $ref: `${MESSAGES}${request.name}.reply` },
      },
    };
    operations[id] = sendOperation(id, `${kind} ${subject}`);
  }

  for (const [subject, payload] of Object.entries(eventClasses)) {
    const id = idOf(subject);
    messages[payload.name] = {
      name: payload.name,
      title: payload.name,
      contentType: 'application/json',
      headers: { $ref: `${SCHEMAS}EventHeaders` },
      payload: {
        allOf: [
          { $ref: `${SCHEMAS}EventEnvelope` },
          { type: 'object', properties: { data: schemas.ref(payload) } },
        ],
      },
    };
    channels[id] = {
      address: subject,
      title: payload.name,
      description: `Event on the JetStream stream ${STREAMS.events.name}: envelope with data ${payload.name}.`,
      messages: { event: { $ref: `${MESSAGES}${payload.name}` } },
    };
    operations[id] = receiveOperation(id, `Event ${subject}`);
  }

  for (const subject of [...INTEGRATION_QUERIES, ...INTEGRATION_COMMANDS]) {
    const request = requestRoutes[subject].request;
    const id = `integration_${idOf(subject)}`;
    channels[id] = {
      address: integrationSubject('{credentialId}', subject),
      title: `${request.name} (integration)`,
      description: `${subject} as an integration sends it: ${request.name} without \`actor\`.`,
      parameters: { credentialId: { description: 'The id of the integration credential.' } },
      messages: {
        request: { $ref: `${MESSAGES}${request.name}` },
        reply: { $ref: `${MESSAGES}${request.name}.reply` },
      },
    };
    operations[id] = sendOperation(id, `Integration ${subject}`);
  }

  for (const [subject, payload] of Object.entries(eventClasses)) {
    const id = `workspace_${idOf(subject)}`;
    channels[id] = {
      address: workspaceEventSubject('{workspaceId}', subject),
      title: `${payload.name} (integration)`,
      description: `${subject} of one workspace, on the stream ${INTEGRATION_EVENTS_STREAM.name}.`,
      parameters: { workspaceId: { description: 'The workspace the event belongs to.' } },
      messages: { event: { $ref: `${MESSAGES}${payload.name}` } },
    };
    operations[id] = receiveOperation(id, `Integration event ${subject}`);
  }

  return {
    asyncapi: '3.0.0',
    info: { title: 'Switchboard NATS interface', version: '1.0.0', description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      production: {
        host: 'nats:4222',
        protocol: 'nats',
        description: 'nats://nats:4222, the NATS server of docker compose and Kubernetes.',
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: {
        RequestHeaders: REQUEST_HEADERS,
        EventHeaders: EVENT_HEADERS,
        ErrorEnvelope: ERROR_ENVELOPE,
        ErrorReply: ERROR_REPLY,
        EventEnvelope: EVENT_ENVELOPE,
        ...sortedByKey(schemas.schemas),
      },
    },
  };
}

const sortedByKey = <T>(record: Record<string, T>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
