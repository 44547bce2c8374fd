import { describe, expect, it } from '@jest/globals';
import { decode } from '@nats-io/jwt';
import { BUS_USERS, busPermissions } from '@switchboard/contracts';
import {
  accountPublicKey,
  allBusCredentials,
  busServerConfig,
  credentialsClaims,
  integrationCredentials,
  newBusKeys,
} from './bus-keys';

interface UserClaims {
  pub: { allow: string[] };
  sub: { allow: string[] };
  resp?: { max: number };
  tags?: string[];
  issuer_account?: string;
}

describe('bus keys', () => {
  const keys = newBusKeys();

  it("signs each bus user's permissions from the bus-access table into its credentials", async () => {
    const all = await allBusCredentials(keys, 'ns');
    expect(Object.keys(all).sort()).toEqual([...BUS_USERS].sort());
    for (const user of BUS_USERS) {
      const claims = credentialsClaims(all[user]);
      const nats = claims.nats as unknown as UserClaims;
      const wanted = busPermissions(user, 'ns');
      expect(claims.name).toBe(user);
      expect(claims.iss).toBe(accountPublicKey(keys));
      expect(nats.pub.allow).toEqual(wanted.publish);
      expect(nats.sub.allow).toEqual(wanted.subscribe);
      expect(!!nats.resp).toBe(wanted.allowResponses);
      expect(all[user]).toMatch(/-----BEGIN USER NKEY SEED-----\s+SU[A-Z0-9]+/);
    }
  });

  it('makes the account trust one scoped key per integration role, with its template', async () => {
    const config = await busServerConfig(keys);
    const accountJwt = new RegExp(`${accountPublicKey(keys)}: (\\S+)`).exec(config)![1];
    const account = decode<{ signing_keys: { role: string; template: UserClaims }[] }>(accountJwt);
    const roles = account.nats.signing_keys!.map((key) => key.role).sort();
    expect(roles).toEqual(['integration-agent', 'integration-read-only']);
    expect(config).toContain('resolver: MEMORY');
  });

  it("issues an integration's credentials with only its id, signed by the role's key", async () => {
    const creds = await integrationCredentials({
      signingSeed: keys.integrations.agent,
      accountPublicKey: accountPublicKey(keys),
      credentialId: '3f0b9a8e-0000-4000-8000-000000000001',
      name: 'integration crm',
      role: 'agent',
    });
    const claims = credentialsClaims(creds);
    const nats = claims.nats as unknown as UserClaims;
    expect(nats.tags).toEqual(['credential:3f0b9a8e-0000-4000-8000-000000000001']);
    expect(nats.issuer_account).toBe(accountPublicKey(keys));
    // Its permissions are the scoped key's template, never its own claims.
    expect(nats.pub?.allow ?? []).toEqual([]);
  });
});
