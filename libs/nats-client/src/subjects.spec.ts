import { describe, expect, it } from '@jest/globals';
import {
  eventStreamName,
  eventSubjectOfMessage,
  isIntegrationSubject,
  requestSubject,
} from './subjects';

const ID = '3f1c2b9e-8d4a-4c7e-9b1f-2a6d5e8c7b40';
const WORKSPACE = '0b7e6a52-1c3d-4f5e-8a9b-0c1d2e3f4a5b';

describe('subject mapping', () => {
  it("sends a service subject under the credential's own prefix", () => {
    expect(requestSubject(ID, 'helpdesk.qry.ticket.get.v1')).toBe(
      `helpdesk.int.${ID}.qry.ticket.get.v1`,
    );
    expect(requestSubject(ID, 'helpdesk.cmd.ticket.change-labels.v1', 'ns1')).toBe(
      `ns1.helpdesk.int.${ID}.cmd.ticket.change-labels.v1`,
    );
  });

  it('names the events stream as the services do, namespaced with an underscore', () => {
    expect(eventStreamName()).toBe('HELPDESK_INTEGRATION_EVENTS');
    expect(eventStreamName('ns1')).toBe('ns1_HELPDESK_INTEGRATION_EVENTS');
  });

  it('maps a workspace event subject back to the service event subject', () => {
    expect(eventSubjectOfMessage(`helpdesk.ws.${WORKSPACE}.evt.ticket.created.v1`)).toBe(
      'helpdesk.evt.ticket.created.v1',
    );
    expect(
      eventSubjectOfMessage(`ns1.helpdesk.ws.${WORKSPACE}.evt.ticket.labels-changed.v1`, 'ns1'),
    ).toBe('helpdesk.evt.ticket.labels-changed.v1');
  });

  it('gives no subject for events it does not know or subjects of another shape', () => {
    // A newer Switchboard's event: skipped, not handed over under a type that does not fit.
    expect(eventSubjectOfMessage(`helpdesk.ws.${WORKSPACE}.evt.ticket.teleported.v1`)).toBe(
      undefined,
    );
    expect(eventSubjectOfMessage(`helpdesk.ws.${WORKSPACE}.evt.ticket.created.v1`, 'ns1')).toBe(
      undefined,
    );
    expect(eventSubjectOfMessage(`helpdesk.ws.${WORKSPACE}.cmd.ticket.created.v1`)).toBe(undefined);
    expect(eventSubjectOfMessage('helpdesk.evt.ticket.created.v1')).toBe(undefined);
  });

  it('knows which subjects an integration may send', () => {
    expect(isIntegrationSubject('helpdesk.qry.ticket.get.v1')).toBe(true);
    expect(isIntegrationSubject('helpdesk.cmd.ticket.change-labels.v1')).toBe(true);
    expect(isIntegrationSubject('helpdesk.cmd.workspace.create.v1')).toBe(false);
  });
});
