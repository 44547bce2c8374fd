import { describe, expect, it } from '@jest/globals';
import { asyncApiPage } from './asyncapi';

describe('asyncApiPage', () => {
  const page = asyncApiPage({
    info: { title: 'NATS <interface>', version: '1.0.0' },
    channels: {
      a: { address: 'helpdesk.cmd.x.v1', title: 'XV1', description: '<script>alert(1)</script>' },
      b: { address: 'helpdesk.evt.y.v1', title: 'YV1', description: 'An event' },
    },
    operations: {
      a: { action: 'send', channel: { $ref: '#/channels/a' } },
      b: { action: 'receive', channel: { $ref: '#/channels/b' } },
    },
  });

  it('lists each subject with its kind and payload, linking to the document', () => {
    expect(page).toContain(
      '<tr><td><code>helpdesk.cmd.x.v1</code></td><td>command</td><td>XV1</td>',
    );
    expect(page).toContain('<td><code>helpdesk.evt.y.v1</code></td><td>event</td>');
    expect(page).toContain('href="/api/asyncapi.json"');
  });

  it('escapes what it prints', () => {
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('NATS &lt;interface&gt;');
  });
});
