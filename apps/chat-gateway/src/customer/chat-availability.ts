import { Injectable } from '@nestjs/common';
import {
  Actor,
  GET_WORKSPACE_SETTINGS_V1,
  LIST_AGENTS_V1,
  LIST_TEAMS_V1,
} from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { Clock } from '../clock';
import { isOpenAt } from './intake';

/**
 * Whether a new chat can reach someone now: within business hours and an agent online. A widget
 * of a team asks its team: the team's own hours (or the workspace's) and one of its members online.
 */
@Injectable()
export class ChatAvailability {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly clock: Clock,
  ) {}

  async isLive(workspaceId: string, teamId: string | null = null): Promise<boolean> {
    const actor: Actor = { kind: 'system', workspaceId, teamIds: [] };
    const [settings, agents, teams] = await Promise.all([
      this.rpc.request(GET_WORKSPACE_SETTINGS_V1, { actor }),
      this.rpc.request(LIST_AGENTS_V1, { actor }),
      teamId ? this.rpc.request(LIST_TEAMS_V1, { actor }) : undefined,
    ]);
    // A team removed since the widget was set up: the workspace decides, as with no team.
    const team = teams?.items.find((candidate) => candidate.id === teamId);
    const hours = team?.businessHours ?? settings.businessHours;
    return (
      isOpenAt(hours, this.clock.now()) &&
      agents.items.some(
        (agent) =>
          agent.active &&
          agent.availability === 'online' &&
          (!team || team.memberIds.includes(agent.id)),
      )
    );
  }
}
