import { Injectable } from '@nestjs/common';
import { Actor, GET_WORKSPACE_SETTINGS_V1, LIST_AGENTS_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { Clock } from '../clock';
import { isOpenAt } from './intake';

/** Whether a new chat can reach someone now: within business hours and an agent online. */
@Injectable()
export class ChatAvailability {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly clock: Clock,
  ) {}

  async isLive(workspaceId: string): Promise<boolean> {
    const actor: Actor = { kind: 'system', workspaceId, teamIds: [] };
    const [settings, agents] = await Promise.all([
      this.rpc.request(GET_WORKSPACE_SETTINGS_V1, { actor }),
      this.rpc.request(LIST_AGENTS_V1, { actor }),
    ]);
    return (
      isOpenAt(settings.businessHours, this.clock.now()) &&
      agents.items.some((agent) => agent.active && agent.availability === 'online')
    );
  }
}
