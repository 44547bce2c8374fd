import { describe, expect, it } from '@jest/globals';
import { intakeStep, isOpenAt } from './intake';

describe('intakeStep', () => {
  it('takes YES and NO while asking, in any case and with a full stop', () => {
    for (const yes of ['YES', 'yes', ' Yes! ', 'y'])
      expect(intakeStep('asking', yes)).toBe('accept');
    for (const no of ['NO', 'no.', 'No', 'n']) expect(intakeStep('asking', no)).toBe('decline');
  });

  it('asks again on anything else', () => {
    expect(intakeStep('asking', 'maybe')).toBe('ask-again');
    expect(intakeStep('asking', 'yes please call me')).toBe('ask-again');
  });

  it('treats No after YES as a message, and //end as the end', () => {
    expect(intakeStep('collecting', 'No')).toBe('message');
    expect(intakeStep('collecting', ' //end ')).toBe('end');
    expect(intakeStep('collecting', 'see //end')).toBe('message');
  });

  it('refuses messages once ended and passes live chats through', () => {
    expect(intakeStep('ended', 'hello?')).toBe('refuse');
    expect(intakeStep(null, 'YES')).toBe('message');
  });
});

describe('isOpenAt', () => {
  const berlin = {
    timeZone: 'Europe/Berlin',
    periods: [
      { day: 'mon' as const, start: '09:00', end: '17:00' },
      { day: 'sat' as const, start: '10:00', end: '24:00' },
    ],
  };

  it('is open within a period of the local day and time', () => {
    // Monday 2026-12-07 08:30 UTC is 09:30 in Berlin.
    expect(isOpenAt(berlin, new Date('2026-12-07T08:30:00Z'))).toBe(true);
    // 16:30 UTC is 17:30 in Berlin: closed.
    expect(isOpenAt(berlin, new Date('2026-12-07T16:30:00Z'))).toBe(false);
    // Saturday 23:59 in Berlin, in a period that ends at midnight.
    expect(isOpenAt(berlin, new Date('2026-12-12T22:59:00Z'))).toBe(true);
    // Tuesday: no period.
    expect(isOpenAt(berlin, new Date('2026-12-08T10:00:00Z'))).toBe(false);
  });

  it('counts a workspace without business hours as always open', () => {
    expect(isOpenAt({ timeZone: 'UTC', periods: [] }, new Date())).toBe(true);
  });
});
