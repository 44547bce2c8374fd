import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { asyncApiDocument, replyTypeNames } from './asyncapi';
import { CREATE_TICKET_V1 } from './messages/ticket/create-ticket.v1';
import { TICKET_CREATED_V1 } from './messages/ticket/ticket-events.v1';
import { eventClasses, requestRoutes } from './subject-map';

type Document = {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; reply?: unknown }>;
  components: {
    messages: Record<string, { title: string }>;
    schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
  };
};

const source = readFileSync(resolve(__dirname, 'subject-map.ts'), 'utf8');
const document = asyncApiDocument(replyTypeNames(source)) as Document;

/** The operation of a subject, found through its channel's address. */
function operationOf(subject: string) {
  const id = Object.keys(document.channels).find(
    (key) => document.channels[key].address === subject,
  );
  return id === undefined ? undefined : document.operations[id];
}

describe('the AsyncAPI document', () => {
  it('is the committed asyncapi.json (else run npm run asyncapi)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(resolve(__dirname, '../../../asyncapi.json'), 'utf8'),
    );
    expect({ 'asyncapi.json is stale: run npm run asyncapi': committed }).toEqual({
      'asyncapi.json is stale: run npm run asyncapi': JSON.parse(JSON.stringify(document)),
    });
  });

  it('is AsyncAPI 3.0.0', () => {
    expect(document.asyncapi).toBe('3.0.0');
  });

  it('has a channel and an operation for every request and event subject', () => {
    const missing = [
      ...Object.keys(requestRoutes).filter((subject) => operationOf(subject)?.action !== 'send'),
      ...Object.keys(eventClasses).filter((subject) => operationOf(subject)?.action !== 'receive'),
    ];
    expect(missing).toEqual([]);
    expect(operationOf(CREATE_TICKET_V1)?.reply).toBeDefined();
    expect(operationOf(TICKET_CREATED_V1)?.reply).toBeUndefined();
  });

  it("describes a payload's required properties from its validation rules", () => {
    const schema = document.components.schemas.CreateTicketV1;
    expect(schema.required).toEqual(
      expect.arrayContaining(['actor', 'channel', 'subject', 'customer']),
    );
    expect(schema.required).not.toContain('body');
    expect(schema.properties?.customer).toEqual({ $ref: '#/components/schemas/CustomerRefV1' });
    expect(schema.properties?.priority).toEqual({ enum: ['low', 'normal', 'high', 'urgent'] });
  });

  it('names every reply type from subject-map.ts', () => {
    expect(Object.keys(replyTypeNames(source))).toEqual(
      expect.arrayContaining([...new Set(Object.values(requestRoutes).map((r) => r.request.name))]),
    );
    expect(document.components.messages['CreateTicketV1.reply'].title).toBe('TicketSummaryV1');
  });
});
