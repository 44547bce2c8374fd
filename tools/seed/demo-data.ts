import { CREATE_WORKSPACE_V1, WorkspaceV1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';

export const DEMO_WORKSPACE = { name: 'Demo Support', slug: 'demo' } as const;

/** The demo admin's login, printed by `npm start`; the agent is created by a later step. */
export const DEMO_LOGIN = {
  email: 'admin@demo.switchboard.test',
  password: 'switchboard',
} as const;

/** What the steps have made so far; each step reads what it needs from earlier ones. */
export interface DemoSeedState {
  workspace?: WorkspaceV1;
}

export interface SeedStep {
  name: string;
  run(rpc: NatsRpcClient, state: DemoSeedState, log: (line: string) => void): Promise<void>;
}

/**
 * The demo data, one step per command, in order. Every step must be idempotent, as
 * `helpdesk.cmd.workspace.create.v1` is by slug, because the seed runs on every `npm start`.
 *
 * Later issues append their steps here as their commands land: the agents (among them
 * DEMO_LOGIN's admin), teams, a mailbox, and a few tickets in different states.
 */
export const demoSeedSteps: SeedStep[] = [
  {
    name: 'workspace',
    async run(rpc, state, log) {
      state.workspace = await rpc.request(CREATE_WORKSPACE_V1, { ...DEMO_WORKSPACE });
      log(`workspace "${state.workspace.name}" (${state.workspace.slug}): ${state.workspace.id}`);
    },
  },
];
