import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ContractSnapshot, breakingChanges, contractSnapshot } from './compatibility';
import { JsonSchema } from './json-schema';

const PUBLISHED = resolve(__dirname, '../published-contract.json');

describe('the published contract', () => {
  const published = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as ContractSnapshot;
  const current = contractSnapshot();

  it('is not broken by the code (a breaking change is a .v2 subject beside the .v1)', () => {
    expect(breakingChanges(published, current)).toEqual([]);
  });

  it('holds every subject of the code (run npm run contracts:publish after adding one)', () => {
    expect(Object.keys(current.requests).filter((s) => !(s in published.requests))).toEqual([]);
    expect(Object.keys(current.events).filter((s) => !(s in published.events))).toEqual([]);
  });

  it('catches a real payload changed in place', () => {
    const changed = structuredClone(current);
    const name = changed.requests['helpdesk.cmd.ticket.create.v1'];
    const schema = changed.schemas[name] as { required: string[] };
    schema.required = [...schema.required, 'priority'];
    expect(breakingChanges(current, changed)).toContain(
      'helpdesk.cmd.ticket.create.v1: property priority is now required',
    );
  });
});

/** A contract of one request (`cmd.v1`) and one event (`evt.v1`) with the given schemas. */
function contract(request: JsonSchema, event: JsonSchema, extra = {}): ContractSnapshot {
  return {
    schemas: { Request: request, Event: event, ...extra },
    requests: { 'cmd.v1': 'Request' },
    events: { 'evt.v1': 'Event' },
  };
}

const object = (properties: Record<string, JsonSchema>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const text = (limits: JsonSchema = {}) => ({ type: 'string', ...limits });

describe('breakingChanges', () => {
  const request = object({ name: text({ maxLength: 100 }), note: text() }, ['name']);
  const event = object({ id: text(), status: { type: 'string', enum: ['open', 'solved'] } }, [
    'id',
    'status',
  ]);
  const before = contract(request, event);
  const after = (changes: { request?: JsonSchema; event?: JsonSchema }) =>
    contract(changes.request ?? request, changes.event ?? event);

  it('finds nothing when nothing changed', () => {
    expect(breakingChanges(before, after({}))).toEqual([]);
  });

  it('refuses, in a request, what an old caller would be refused for', () => {
    const cases: [JsonSchema, string][] = [
      [object({ name: text({ maxLength: 100 }) }, ['name']), 'cmd.v1: property note was removed'],
      [
        object({ name: text({ maxLength: 100 }), note: text() }, ['name', 'note']),
        'cmd.v1: property note is now required',
      ],
      [
        object({ name: text({ maxLength: 50 }), note: text() }, ['name']),
        'cmd.v1.name: maxLength fell to 50',
      ],
      [
        object({ name: { type: 'integer' }, note: text() }, ['name']),
        'cmd.v1.name: type string became integer',
      ],
    ];
    for (const [changed, problem] of cases)
      expect(breakingChanges(before, after({ request: changed }))).toEqual([problem]);
  });

  it('lets a request take more: an optional property, a longer limit', () => {
    const wider = object({ name: text({ maxLength: 200 }), note: text(), tag: text() }, ['name']);
    expect(breakingChanges(before, after({ request: wider }))).toEqual([]);
  });

  it('refuses, in an event, what an old subscriber relies on', () => {
    expect(breakingChanges(before, after({ event: object({ id: text() }, ['id']) }))).toEqual([
      'evt.v1: property status was removed',
    ]);
    expect(breakingChanges(before, after({ event: object(event.properties, ['id']) }))).toEqual([
      'evt.v1: property status is no longer always there',
    ]);
  });

  it('lets an event say more: a new property, a new enum value', () => {
    const more = object(
      {
        ...event.properties,
        status: { type: 'string', enum: ['open', 'solved', 'merged'] },
        at: text(),
      },
      ['id', 'status', 'at'],
    );
    expect(breakingChanges(before, after({ event: more }))).toEqual([]);
  });

  it('follows references into nested schemas', () => {
    const withActor = (actor: JsonSchema) =>
      contract(object({ actor: { $ref: '#/schemas/Actor' } }, ['actor']), event, { Actor: actor });
    expect(
      breakingChanges(
        withActor(object({ kind: { type: 'string', enum: ['agent', 'system'] } }, ['kind'])),
        withActor(object({ kind: { type: 'string', enum: ['agent'] } }, ['kind'])),
      ),
    ).toEqual(['cmd.v1.actor.kind: no longer accepts system']);
  });

  it('refuses a subject taken away', () => {
    const gone: ContractSnapshot = { ...before, requests: {} };
    expect(breakingChanges(before, gone)).toEqual([
      'cmd.v1: removed (subjects are frozen: keep it beside its successor)',
    ]);
  });
});
