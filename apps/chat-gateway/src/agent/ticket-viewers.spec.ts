import { describe, expect, it } from '@jest/globals';
import { ViewingSignalV1 } from '@switchboard/contracts';
import { TicketViewers } from './ticket-viewers';

const signal = (id: string, name: string, viewing: boolean): ViewingSignalV1 => ({
  kind: 'viewing',
  workspaceId: 'w1',
  ticketId: 't1',
  agent: { id, name },
  viewing,
});

describe('TicketViewers', () => {
  it('lists the agents viewing a ticket and says when that changed', () => {
    const viewers = new TicketViewers();
    expect(viewers.take(signal('a2', 'Bea', true))).toBe(true);
    expect(viewers.take(signal('a1', 'Ada', true))).toBe(true);
    expect(viewers.take(signal('a1', 'Ada', true))).toBe(false); // a repeat
    expect(viewers.of('t1')).toEqual([
      { id: 'a1', name: 'Ada' },
      { id: 'a2', name: 'Bea' },
    ]);
    expect(viewers.take(signal('a2', 'Bea', false))).toBe(true);
    expect(viewers.of('t1')).toEqual([{ id: 'a1', name: 'Ada' }]);
    expect(viewers.of('t2')).toEqual([]);
  });

  it('forgets a viewer not heard of for 75 seconds', () => {
    let now = 0;
    const viewers = new TicketViewers(() => now);
    viewers.take(signal('a1', 'Ada', true));
    now = 60_000;
    viewers.take(signal('a2', 'Bea', true));
    now = 80_000;
    expect(viewers.of('t1').map((viewer) => viewer.name)).toEqual(['Bea']);
  });
});
