import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';

/** An agent with a password, made over NATS the way provisioning makes one. */
export async function benchAgent(
  rpc: NatsRpcClient,
  system: c.Actor,
  fields: { name: string; email: string; teamIds?: string[] },
  password: string,
): Promise<c.AgentV1> {
  const agent = await rpc.request(c.UPSERT_AGENT_V1, {
    actor: system,
    role: 'agent',
    teamIds: [],
    ...fields,
  });
  await rpc.request(c.SET_CREDENTIALS_V1, {
    actor: system,
    agentId: agent.id,
    email: fields.email,
    password,
  });
  return agent;
}

/** Logs in through the gateway's REST API; answers the access token. */
export async function benchLogin(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken) {
    throw new Error(`login answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}
