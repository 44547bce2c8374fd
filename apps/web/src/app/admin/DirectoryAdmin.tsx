import { useState } from 'react';
import type { Agent, Role } from '../api/types';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** Agents: invite (with a first password), role, teams, deactivate. */
export function AgentsAdmin() {
  const { session, agents, teams, reloadDirectory } = useDesk();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);

  const save = async (
    agent: Pick<Agent, 'name' | 'email' | 'role' | 'teamIds'> & Partial<Agent>,
    extra: { password?: string } = {},
  ) => {
    try {
      await session.call((api) =>
        api.POST('/api/v1/agents', {
          body: {
            name: agent.name,
            email: agent.email,
            role: agent.role,
            teamIds: agent.teamIds,
            ...(agent.active !== undefined ? { active: agent.active } : {}),
            ...extra,
          },
        }),
      );
      await reloadDirectory();
      toasts.info(`Saved ${agent.name}.`);
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  };

  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Teams</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id}>
              <td>{agent.name}</td>
              <td>{agent.email}</td>
              <td>
                <select
                  aria-label={`Role of ${agent.name}`}
                  value={agent.role}
                  onChange={(event) => void save({ ...agent, role: event.target.value as Role })}
                >
                  {ROLES.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </select>
              </td>
              <td>
                {agent.teamIds
                  .map((id) => teams.find((team) => team.id === id)?.name ?? '?')
                  .join(', ') || '—'}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => void save({ ...agent, active: !agent.active })}
                >
                  {agent.active ? 'Deactivate' : 'Activate'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card form"
        aria-label="Invite an agent"
        onSubmit={(event) => {
          event.preventDefault();
          void save({ name, email, role, teamIds }, { password }).then((ok) => {
            if (!ok) return;
            setName('');
            setEmail('');
            setPassword('');
          });
        }}
      >
        <h2>Invite an agent</h2>
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Email
          <input
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          First password
          <input
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Teams</legend>
          {teams.map((team) => (
            <label key={team.id} className="check">
              <input
                type="checkbox"
                checked={teamIds.includes(team.id)}
                onChange={(event) =>
                  setTeamIds((ids) =>
                    event.target.checked ? [...ids, team.id] : ids.filter((id) => id !== team.id),
                  )
                }
              />
              {team.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          Invite
        </button>
      </form>
    </>
  );
}

export function TeamsAdmin() {
  const { session, teams, agents, reloadDirectory } = useDesk();
  const toasts = useToasts();
  const [name, setName] = useState('');
  return (
    <>
      <ul className="list">
        {teams.map((team) => (
          <li key={team.id}>
            <strong>{team.name}</strong>{' '}
            <span className="muted">
              {team.memberIds
                .map((id) => agents.find((agent) => agent.id === id)?.name)
                .filter(Boolean)
                .join(', ') || 'no members'}
            </span>
          </li>
        ))}
      </ul>
      <form
        className="card form"
        aria-label="New team"
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) => api.POST('/api/v1/teams', { body: { name } }))
            .then(() => reloadDirectory())
            .then(() => {
              setName('');
              toasts.info('Team created.');
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <h2>New team</h2>
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          Create
        </button>
      </form>
    </>
  );
}
