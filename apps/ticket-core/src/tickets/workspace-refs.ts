import { CommandContext } from '../core/command-context';
import { TicketCoreException } from '../core/ticket-core.exception';

/** A team id given in a command must be of the caller's workspace: otherwise NOT_FOUND. */
export async function requireTeam({ manager, actor }: CommandContext, teamId: string) {
  const [team] = await manager.query(`SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2`, [
    teamId,
    actor.workspaceId,
  ]);
  if (!team) throw TicketCoreException.notFound('team');
}

/** Whether the agent is an active (not departed) agent of the caller's workspace. */
export async function isActiveAgent(
  { manager, actor }: CommandContext,
  agentId: string,
): Promise<boolean> {
  const [agent] = await manager.query(
    `SELECT 1 FROM agents WHERE id = $1 AND workspace_id = $2 AND active`,
    [agentId, actor.workspaceId],
  );
  return agent !== undefined;
}

/** An agent id given in a command must be an active agent of the caller's workspace. */
export async function requireActiveAgent(context: CommandContext, agentId: string) {
  if (!(await isActiveAgent(context, agentId))) throw TicketCoreException.notFound('agent');
}
