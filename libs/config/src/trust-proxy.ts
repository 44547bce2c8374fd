import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import { registerDecorator } from 'class-validator';

/** proxy-addr's names for whole ranges: `loopback`, `linklocal`, `uniquelocal`. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function entries(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function validEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

/**
 * `TRUST_PROXY`: the proxies whose `X-Forwarded-For` counts, as addresses, CIDRs or
 * proxy-addr's range names, comma-separated. Empty (the default) trusts none: the client's
 * address is the connection's, so no one can pick their own address for the rate limits.
 */
export function IsTrustProxy(): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'trustProxy',
      target: target.constructor,
      propertyName: String(key),
      validator: {
        validate: (value: unknown) =>
          value === undefined || (typeof value === 'string' && entries(value).every(validEntry)),
        defaultMessage: () =>
          `${String(key)} must list addresses, CIDRs (10.0.0.0/8) or loopback/linklocal/uniquelocal, comma-separated`,
      },
    });
}

/** What express's `trust proxy` setting takes: the list, or false for none. */
export function trustedProxies(value: string | undefined): string[] | false {
  const list = entries(value);
  return list.length > 0 ? list : false;
}

/** The client's address of a request, through the trusted proxies only. */
export function clientAddress(
  request: Parameters<typeof proxyaddr>[0],
  value: string | undefined,
): string {
  const list = entries(value);
  const address = proxyaddr(request, list.length > 0 ? proxyaddr.compile(list) : () => false);
  return address.replace(/^::ffff:/, '');
}
