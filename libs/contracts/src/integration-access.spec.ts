import { describe, expect, it } from '@jest/globals';
import {
  INTEGRATION_COMMANDS,
  INTEGRATION_QUERIES,
  eventSubjectOfWorkspaceEvent,
  integrationPermissions,
  integrationSubject,
  integrationSubjects,
  workspaceEventSubject,
} from './integration-access';
import { ActorRequest } from './messages/common';
import { requestClasses } from './subject-map';

describe('integration access', () => {
  it('lets integrations reach only requests that carry an actor, which the bridge replaces', () => {
    for (const subject of [...INTEGRATION_QUERIES, ...INTEGRATION_COMMANDS]) {
      const requestClass = requestClasses[subject] as unknown as { prototype: object };
      expect({ subject, actor: requestClass.prototype instanceof ActorRequest }).toEqual({
        subject,
        actor: true,
      });
    }
  });

  it('gives a read-only role queries and an agent role commands too', () => {
    expect(integrationSubjects('read-only')).toEqual(INTEGRATION_QUERIES);
    expect(integrationSubjects('agent')).toEqual([...INTEGRATION_QUERIES, ...INTEGRATION_COMMANDS]);
    expect(integrationSubjects('read-only').some((s) => s.startsWith('helpdesk.cmd.'))).toBe(false);
  });

  it('maps subjects into the credential and workspace spaces and back', () => {
    expect(integrationSubject('c1', 'helpdesk.qry.ticket.get.v1')).toBe(
      'helpdesk.int.c1.qry.ticket.get.v1',
    );
    const copy = workspaceEventSubject('w1', 'helpdesk.evt.ticket.created.v1');
    expect(copy).toBe('helpdesk.ws.w1.evt.ticket.created.v1');
    expect(eventSubjectOfWorkspaceEvent(copy)).toBe('helpdesk.evt.ticket.created.v1');
  });

  it('templates each permission on the credential id, as whole subject tokens', () => {
    const template = integrationPermissions('read-only', 'ns');
    expect(template.subscribe).toEqual(['_INBOX_integration.{{tag(credential)}}.>']);
    expect(template.publish).toContain('ns.helpdesk.int.{{tag(credential)}}.qry.ticket.get.v1');
    expect(template.publish).toContain(
      '$JS.API.CONSUMER.MSG.NEXT.ns_HELPDESK_INTEGRATION_EVENTS.{{tag(credential)}}',
    );
    expect(template.publish.some((s) => s.includes('.cmd.'))).toBe(false);
    // nats-server fills a template only when it is a whole token.
    for (const subject of [...template.publish, ...template.subscribe])
      for (const token of subject.split('.'))
        if (token.includes('{{')) expect(token).toBe('{{tag(credential)}}');
  });
});
