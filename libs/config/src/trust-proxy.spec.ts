import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';
import { IsTrustProxy, clientAddress, trustedProxies } from './trust-proxy';

class ProxyConfig extends ServiceConfig {
  @IsTrustProxy()
  TRUST_PROXY?: string;
}

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  it.each(['10.0.0.1', '10.0.0.0/8, 192.168.1.7', 'loopback,uniquelocal', 'fd00::/8', ''])(
    'takes %j',
    (value) => {
      expect(() => loadConfig(ProxyConfig, { TRUST_PROXY: value })).not.toThrow();
    },
  );

  it.each(['everyone', '10.0.0.0/33', '10.0.0', '*'])(
    'refuses %j, naming the variable',
    (value) => {
      expect(() => loadConfig(ProxyConfig, { TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig(ProxyConfig, { TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );

  it('trusts no proxy unless told', () => {
    expect(trustedProxies(undefined)).toBe(false);
    expect(trustedProxies(' 10.0.0.1 , loopback ')).toEqual(['10.0.0.1', 'loopback']);
  });

  it('reads the client from X-Forwarded-For only through a trusted peer', () => {
    const spoofed = request('203.0.113.5', '198.51.100.1');
    expect(clientAddress(spoofed, undefined)).toBe('203.0.113.5');
    expect(clientAddress(spoofed, '10.0.0.0/8')).toBe('203.0.113.5');
    const proxied = request('10.1.2.3', '198.51.100.1');
    expect(clientAddress(proxied, '10.0.0.0/8')).toBe('198.51.100.1');
    // A client's own forged entry before the proxy's is not believed: the proxy appended the real one.
    expect(clientAddress(request('10.1.2.3', '1.2.3.4, 198.51.100.1'), '10.0.0.0/8')).toBe(
      '198.51.100.1',
    );
    expect(clientAddress(request('::ffff:192.0.2.9'), undefined)).toBe('192.0.2.9');
  });
});
