import {
  Actor,
  AgentV1,
  CLAIM_TICKET_V1,
  CREATE_TEAM_V1,
  CREATE_TICKET_V1,
  CREATE_KB_ARTICLE_V1,
  CREATE_KB_CATEGORY_V1,
  CREATE_WORKSPACE_V1,
  LIST_AGENTS_V1,
  LIST_KB_ARTICLES_V1,
  LIST_MAILBOXES_V1,
  LIST_TEAMS_V1,
  PUBLISH_KB_ARTICLE_V1,
  REPLY_TICKET_V1,
  SEARCH_TICKETS_V1,
  SET_CREDENTIALS_V1,
  SET_PENDING_V1,
  SOLVE_TICKET_V1,
  TeamV1,
  UPSERT_AGENT_V1,
  UPSERT_MAILBOX_V1,
  WorkspaceV1,
} from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';

export const DEMO_WORKSPACE = { name: 'Demo Support', slug: 'demo' } as const;

/** Mail to this address (at mail-ingest's SMTP port) becomes tickets of the Support team. */
export const DEMO_MAILBOX = 'support@demo.switchboard.test';

/** The demo admin's login, printed by `npm start` (api-gateway keeps the password's hash). */
export const DEMO_LOGIN = {
  email: 'admin@demo.switchboard.test',
  password: 'switchboard-demo',
} as const;

/** What the steps have made so far; each step reads what it needs from earlier ones. */
export interface DemoSeedState {
  workspace?: WorkspaceV1;
  teams?: Record<string, TeamV1>;
  agents?: Record<string, AgentV1>;
}

/** The demo's people: the admin who logs in, a supervisor and two agents in the two teams. */
export const DEMO_AGENTS = [
  { key: 'admin', name: 'Ada Admin', email: DEMO_LOGIN.email, role: 'admin', teams: [] },
  {
    key: 'sam',
    name: 'Sam Supervisor',
    email: 'sam@demo.switchboard.test',
    role: 'supervisor',
    teams: ['Support', 'Billing'],
  },
  {
    key: 'alex',
    name: 'Alex Agent',
    email: 'alex@demo.switchboard.test',
    role: 'agent',
    teams: ['Support'],
  },
  {
    key: 'bea',
    name: 'Bea Billing',
    email: 'bea@demo.switchboard.test',
    role: 'agent',
    teams: ['Billing'],
  },
] as const;

function systemActor(state: DemoSeedState): Actor {
  return { kind: 'system', workspaceId: state.workspace!.id, teamIds: [] };
}

function agentActor(state: DemoSeedState, key: string): Actor {
  const agent = state.agents![key];
  return {
    kind: 'agent',
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    role: agent.role,
    teamIds: agent.teamIds,
  };
}

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

export interface SeedStep {
  name: string;
  run(rpc: NatsRpcClient, state: DemoSeedState, log: (line: string) => void): Promise<void>;
}

/**
 * The demo data, one step per command, in order. The seed runs on every `npm start`: each step
 * makes only what is missing (`helpdesk.cmd.workspace.create.v1` is idempotent by slug) and
 * never changes what is there, so edits made in the desk survive a restart.
 */
export const demoSeedSteps: SeedStep[] = [
  {
    name: 'workspace',
    async run(rpc, state, log) {
      state.workspace = await rpc.request(CREATE_WORKSPACE_V1, { ...DEMO_WORKSPACE });
      log(`workspace "${state.workspace.name}" (${state.workspace.slug}): ${state.workspace.id}`);
    },
  },
  {
    // Each team only when the workspace has none of that name: a team an admin renamed or
    // changed is theirs.
    name: 'teams',
    async run(rpc, state, log) {
      const actor = systemActor(state);
      const existing = (await rpc.request(LIST_TEAMS_V1, { actor })).items;
      state.teams = {};
      const made: string[] = [];
      for (const name of ['Support', 'Billing']) {
        const found = existing.find((team) => team.name === name);
        state.teams[name] = found ?? (await rpc.request(CREATE_TEAM_V1, { actor, name }));
        if (!found) made.push(name);
      }
      log(`teams: ${made.length ? `made ${made.join(', ')}` : 'all there'}`);
    },
  },
  {
    // Each agent (and the admin's password) only when no agent has that email: names, roles,
    // teams and passwords edited since are never put back.
    name: 'agents',
    async run(rpc, state, log) {
      const actor = systemActor(state);
      const existing = (await rpc.request(LIST_AGENTS_V1, { actor })).items;
      state.agents = {};
      const made: string[] = [];
      for (const agent of DEMO_AGENTS) {
        const found = existing.find((candidate) => candidate.email === agent.email);
        if (found) {
          state.agents[agent.key] = found;
          continue;
        }
        state.agents[agent.key] = await rpc.request(UPSERT_AGENT_V1, {
          actor,
          name: agent.name,
          email: agent.email,
          role: agent.role,
          teamIds: agent.teams.map((team) => state.teams![team].id),
          signReplies: agent.role === 'agent',
        });
        made.push(agent.email);
        if (agent.key === 'admin') {
          await rpc.request(SET_CREDENTIALS_V1, {
            actor,
            agentId: state.agents.admin.id,
            email: DEMO_LOGIN.email,
            password: DEMO_LOGIN.password,
          });
        }
      }
      log(`agents: ${made.length ? `made ${made.join(', ')}` : 'all there'}`);
    },
  },
  {
    name: 'mailbox',
    async run(rpc, state, log) {
      const actor = systemActor(state);
      const existing = (await rpc.request(LIST_MAILBOXES_V1, { actor })).items;
      if (existing.some((mailbox) => mailbox.address === DEMO_MAILBOX)) {
        log(`mailbox: ${DEMO_MAILBOX} already there`);
        return;
      }
      const mailbox = await rpc.request(UPSERT_MAILBOX_V1, {
        actor,
        address: DEMO_MAILBOX,
        name: 'Demo Support',
        teamId: state.teams!.Support.id,
      });
      log(`mailbox: ${mailbox.address} → team Support`);
    },
  },
  {
    // Only into an empty workspace: tickets have no natural key to be idempotent by.
    name: 'tickets',
    async run(rpc, state, log) {
      const existing = await rpc.request(SEARCH_TICKETS_V1, {
        actor: systemActor(state),
        includeArchived: true,
        limit: 1,
      });
      if (existing.count > 0) {
        log(`tickets: ${existing.count}${existing.countCapped ? '+' : ''} already there`);
        return;
      }
      const create = (
        channel: 'mail' | 'chat' | 'web',
        subject: string,
        body: string,
        email: string,
        team: string,
      ) =>
        rpc.request(CREATE_TICKET_V1, {
          actor: systemActor(state),
          channel,
          subject,
          body,
          teamId: state.teams![team].id,
          customer: { email, name: email.split('@')[0].replace(/\./g, ' ') },
        });
      await create(
        'mail',
        'Invoice shows the wrong VAT number',
        'Hi, our invoice #1042 has an old VAT number.',
        'jane.doe@example.com',
        'Billing',
      );
      await create(
        'chat',
        'Cannot log in after password reset',
        'I reset my password but the login page says it is wrong.',
        'omar@example.com',
        'Support',
      );
      const open = await create(
        'web',
        'Export to CSV is missing columns',
        'The export has no "created at" column any more.',
        'li.wei@example.com',
        'Support',
      );
      await rpc.request(CLAIM_TICKET_V1, { actor: agentActor(state, 'alex'), ticketId: open.id });
      await rpc.request(REPLY_TICKET_V1, {
        actor: agentActor(state, 'alex'),
        ticketId: open.id,
        body: 'Thanks! I can reproduce it and have asked the team.',
      });
      const parked = await create(
        'mail',
        'Refund for double charge',
        'I was charged twice in March.',
        'jane.doe@example.com',
        'Billing',
      );
      await rpc.request(CLAIM_TICKET_V1, { actor: agentActor(state, 'bea'), ticketId: parked.id });
      await rpc.request(SET_PENDING_V1, {
        actor: agentActor(state, 'bea'),
        ticketId: parked.id,
        remindAt: inDays(2),
      });
      const solved = await create(
        'mail',
        'How do I add a teammate?',
        'Where do I invite colleagues?',
        'omar@example.com',
        'Support',
      );
      await rpc.request(CLAIM_TICKET_V1, { actor: agentActor(state, 'alex'), ticketId: solved.id });
      await rpc.request(REPLY_TICKET_V1, {
        actor: agentActor(state, 'alex'),
        ticketId: solved.id,
        body: 'Settings → Team → Invite. Anything else?',
      });
      await rpc.request(SOLVE_TICKET_V1, {
        actor: agentActor(state, 'alex'),
        ticketId: solved.id,
        withSummary: false,
      });
      log('tickets: 5 (2 new, 1 open, 1 pending, 1 solved)');
    },
  },
  {
    // Only into an empty knowledge base, as the tickets: the answers agents find in the side panel.
    name: 'knowledge base',
    async run(rpc, state, log) {
      const actor = systemActor(state);
      const existing = await rpc.request(LIST_KB_ARTICLES_V1, { actor, limit: 1 });
      if (existing.total > 0) {
        log(`knowledge base: ${existing.total} articles already there`);
        return;
      }
      const account = await rpc.request(CREATE_KB_CATEGORY_V1, {
        actor,
        name: 'Account and login',
        slug: 'account',
      });
      const billing = await rpc.request(CREATE_KB_CATEGORY_V1, {
        actor,
        name: 'Billing',
        slug: 'billing',
      });
      const articles = [
        {
          title: 'How to reset your password',
          slug: 'reset-password',
          categoryId: account.id,
          tags: ['login', 'account'],
          bodyMarkdown:
            'Open **Settings → Security** and choose *Reset password*. We send a link to your\n' +
            'email address; it works for one hour.\n\nNo mail? Check the spam folder first.',
        },
        {
          title: 'Invite a colleague to your team',
          slug: 'invite-colleague',
          categoryId: account.id,
          tags: ['team'],
          bodyMarkdown: 'Go to **Settings → Team → Invite** and enter their email address.',
        },
        {
          title: 'Download your invoices',
          slug: 'invoices',
          categoryId: billing.id,
          tags: ['billing', 'pdf'],
          bodyMarkdown: 'Every invoice is under **Billing → Invoices**, as a PDF.',
        },
        {
          title: 'Refunds: what agents may grant',
          slug: 'refund-rules',
          categoryId: billing.id,
          visibility: 'internal' as const,
          bodyMarkdown: 'Agents refund up to 50 EUR; above that, ask a supervisor.',
        },
      ];
      for (const article of articles) {
        const created = await rpc.request(CREATE_KB_ARTICLE_V1, { actor, ...article });
        await rpc.request(PUBLISH_KB_ARTICLE_V1, { actor, articleId: created.id });
      }
      log(`knowledge base: ${articles.length} articles in 2 categories (help center at /kb/demo)`);
    },
  },
];
