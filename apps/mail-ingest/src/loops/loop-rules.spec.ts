import { describe, expect, it } from '@jest/globals';
import { HeaderMap, NoiseFacts, classifyNoise, isDeliveryReport, isLoop } from './loop-rules';

const headers = (entries: Record<string, string>): HeaderMap =>
  new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), [value]]));

const facts = (overrides: Partial<NoiseFacts> = {}): NoiseFacts => ({
  headers: headers({}),
  envelopeFrom: 'ann@example.test',
  fromAddress: 'ann@example.test',
  ownMessageId: false,
  ...overrides,
});

describe('classifyNoise', () => {
  it('lets an ordinary mail be answered', () => {
    expect(classifyNoise(facts())).toEqual({ noAutoReply: false, reasons: [] });
  });

  it.each([
    ['auto-replied', true],
    ['auto-generated', true],
    ['auto-notified; owner-email="x@y.test"', true],
    ['no', false],
    ['No', false],
  ])('Auto-Submitted: %s → noAutoReply %s', (value, expected) => {
    expect(
      classifyNoise(facts({ headers: headers({ 'Auto-Submitted': value }) })).noAutoReply,
    ).toBe(expected);
  });

  it.each([
    ['bulk', true],
    ['list', true],
    ['junk', true],
    ['JUNK', true],
    ['first-class', false],
  ])('Precedence: %s → noAutoReply %s', (value, expected) => {
    expect(classifyNoise(facts({ headers: headers({ Precedence: value }) })).noAutoReply).toBe(
      expected,
    );
  });

  it('honours X-Auto-Response-Suppress whatever its value', () => {
    expect(
      classifyNoise(facts({ headers: headers({ 'X-Auto-Response-Suppress': 'OOF, AutoReply' }) }))
        .reasons,
    ).toEqual(['auto-response-suppress']);
  });

  it('never answers a null return path', () => {
    expect(classifyNoise(facts({ envelopeFrom: '' })).reasons).toEqual(['null-return-path']);
  });

  it('never answers mailer daemons or postmasters, by envelope or From', () => {
    expect(classifyNoise(facts({ envelopeFrom: 'MAILER-DAEMON@mx.test' })).reasons).toEqual([
      'mailer-daemon',
    ]);
    expect(classifyNoise(facts({ fromAddress: 'postmaster@mx.test' })).reasons).toEqual([
      'mailer-daemon',
    ]);
    expect(classifyNoise(facts({ fromAddress: 'postmistress@mx.test' })).noAutoReply).toBe(false);
  });

  it('never answers our own outgoing mail coming back', () => {
    expect(classifyNoise(facts({ ownMessageId: true })).reasons).toEqual(['own-message-id']);
  });

  it('gives every reason that holds', () => {
    const verdict = classifyNoise(
      facts({
        envelopeFrom: '',
        headers: headers({ 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' }),
      }),
    );
    expect(verdict.reasons).toEqual(['auto-submitted', 'precedence', 'null-return-path']);
  });
});

describe('isDeliveryReport', () => {
  it.each([
    ['multipart/report; report-type=delivery-status; boundary="x"', true],
    ['Multipart/Report; Report-Type="delivery-status"', true],
    ['multipart/report; boundary=x', true],
    ['multipart/report; report-type=disposition-notification', false],
    ['multipart/mixed; boundary=x', false],
    [undefined, false],
  ])('%s → %s', (contentType, expected) => {
    expect(isDeliveryReport(contentType)).toBe(expected);
  });
});

describe('isLoop', () => {
  it('holds the mail once the sender reached the limit within the hour', () => {
    expect(isLoop(0, 3)).toBe(false);
    expect(isLoop(2, 3)).toBe(false);
    expect(isLoop(3, 3)).toBe(true);
  });
});
