import { Injectable } from '@nestjs/common';
import { Actor, AgentV1, SET_CREDENTIALS_V1, UPSERT_AGENT_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { UpsertAgentBody } from './directory.dto';

@Injectable()
export class AgentsService {
  constructor(private readonly rpc: NatsRpcClient) {}

  /**
   * Upserts the agent in ticket-core's directory, then, when a password is given, sets it at the
   * gateway's credentials (over NATS like any admin client: the same validation and checks).
   */
  async upsert(actor: Actor, body: UpsertAgentBody): Promise<AgentV1> {
    const { password, ...agent } = body;
    const saved = await this.rpc.request(UPSERT_AGENT_V1, { ...agent, actor });
    if (password !== undefined) {
      await this.rpc.request(SET_CREDENTIALS_V1, {
        actor,
        agentId: saved.id,
        email: saved.email,
        password,
      });
    }
    return saved;
  }
}
