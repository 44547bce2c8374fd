import { decode, type User } from '@nats-io/jwt';
import { CREDENTIAL_TAG } from '@switchboard/contracts';

// Lenient about the dashes and line endings: a creds file pasted through a browser or a secret
// store may come back with CRLF or trimmed lines, and nats.js's own parser accepts those too.
const USER_JWT = /-{3,}BEGIN NATS USER JWT-{3,}\s+(\S+)\s+-{3,}END NATS USER JWT-{3,}/;

/**
 * The credential id inside a `.creds` file: the `credential:<id>` tag api-gateway put in the user
 * JWT when an admin issued it. The id names everything the integration may touch (its request
 * subjects, its inbox, its event consumer), so the client reads it from the very credentials it
 * connects with rather than asking for it separately, and the two can never disagree.
 */
export function credentialIdFromCreds(creds: string): string {
  const match = USER_JWT.exec(creds);
  if (!match) throw new Error('not a NATS credentials file: there is no user JWT in it');
  let tags: readonly string[];
  try {
    // decode also checks the JWT's signature, so a damaged file fails here, not at the server.
    tags = decode<User>(match[1]).nats?.tags ?? [];
  } catch (error) {
    throw new Error(`the user JWT of the credentials file is invalid: ${(error as Error).message}`);
  }
  const prefix = `${CREDENTIAL_TAG}:`;
  const tag = tags.find((candidate) => candidate.toLowerCase().startsWith(prefix));
  const id = tag?.slice(prefix.length);
  if (!id)
    throw new Error(
      `these NATS credentials are not an integration's (no "${prefix}<id>" tag in the JWT): ` +
        'a Switchboard admin issues integration credentials',
    );
  return id;
}
