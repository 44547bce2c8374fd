import { beforeAll, describe, expect, it } from '@jest/globals';
import { createAccount, createUser, encodeUser, fmtCreds } from '@nats-io/jwt';
import { credentialIdFromCreds } from './credentials';

const CREDENTIAL_ID = '3f1c2b9e-8d4a-4c7e-9b1f-2a6d5e8c7b40';

/** A real `.creds` file, signed the way api-gateway signs an integration's (scoped key, tag). */
async function credsFile(tags: string[]): Promise<string> {
  const account = createAccount();
  const signer = createAccount();
  const user = createUser();
  const jwt = await encodeUser(
    'integration label bot',
    user,
    account,
    { tags },
    { signer, scopedUser: true },
  );
  return new TextDecoder().decode(fmtCreds(jwt, user));
}

const userJwt = (creds: string) => /BEGIN NATS USER JWT-+\s+(\S+)/.exec(creds)![1];

describe('credentialIdFromCreds', () => {
  // Signing is slow under jest's module system: each file is made once.
  let tagged: string;
  let manyTags: string;
  let untagged: string;
  let another: string;
  beforeAll(async () => {
    [tagged, manyTags, untagged, another] = await Promise.all([
      credsFile([`credential:${CREDENTIAL_ID}`]),
      credsFile(['team:support', `credential:${CREDENTIAL_ID}`]),
      credsFile(['team:support']),
      credsFile(['credential:another']),
    ]);
  }, 60_000);

  it('reads the id from the credential tag of the user JWT', () => {
    expect(credentialIdFromCreds(tagged)).toBe(CREDENTIAL_ID);
  });

  it('finds the tag among others and reads a file saved with CRLF line ends', () => {
    expect(credentialIdFromCreds(manyTags.replace(/\n/g, '\r\n'))).toBe(CREDENTIAL_ID);
  });

  it("refuses credentials that are not an integration's", () => {
    expect(() => credentialIdFromCreds(untagged)).toThrow(/not an integration's/);
  });

  it('refuses a file without a user JWT', () => {
    expect(() => credentialIdFromCreds('just some text')).toThrow(/no user JWT/);
  });

  it('refuses a JWT whose signature does not match (a damaged or edited file)', () => {
    const jwt = userJwt(tagged);
    const [header, , signature] = jwt.split('.');
    const otherClaims = userJwt(another).split('.')[1];
    const edited = tagged.replace(jwt, `${header}.${otherClaims}.${signature}`);
    expect(() => credentialIdFromCreds(edited)).toThrow(/invalid/);
  });
});
