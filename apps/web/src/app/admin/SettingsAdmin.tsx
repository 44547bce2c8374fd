import { useCallback, useEffect, useState } from 'react';
import type { ApiToken, CannedReply, Mailbox, Role, Settings, Team } from '../api/types';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';

/** Loads a list once and again after each change. */
function useList<T>(load: () => Promise<{ items: T[] }>): [T[] | undefined, () => void] {
  const [items, setItems] = useState<T[]>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load()
      .then((value) => current && setItems(value.items))
      .catch(() => current && setItems([]));
    return () => {
      current = false;
    };
    // `load` is recreated on each render; the version decides when to load again.
  }, [version]);
  return [items, useCallback(() => setVersion((value) => value + 1), [])];
}

export function CannedRepliesAdmin() {
  const { session } = useDesk();
  const toasts = useToasts();
  const [items, reload] = useList<CannedReply>(() =>
    session.call((api) => api.GET('/api/v1/canned-replies')),
  );
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(true);
  return (
    <>
      <p className="hint">
        Placeholders: <code>{'{{customer_name}}'}</code>, <code>{'{{agent_name}}'}</code>,{' '}
        <code>{'{{ticket_url}}'}</code>.
      </p>
      <ul className="list">
        {items?.map((reply) => (
          <li key={reply.id}>
            <strong>{reply.title}</strong> {reply.ownerAgentId ? '(personal)' : '(workspace)'}
            <div className="body">{reply.body}</div>
            <button
              type="button"
              onClick={() =>
                void session
                  .call((api) =>
                    api.DELETE('/api/v1/canned-replies/{id}', {
                      params: { path: { id: reply.id } },
                    }),
                  )
                  .then(reload, (error: unknown) => toasts.error(error))
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card form"
        aria-label="New canned reply"
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) => api.POST('/api/v1/canned-replies', { body: { title, body, shared } }))
            .then(() => {
              setTitle('');
              setBody('');
              toasts.info('Canned reply saved.');
              reload();
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <h2>New canned reply</h2>
        <label>
          Title
          <input required value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label>
          Text
          <textarea
            required
            rows={4}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
          />
          For the whole workspace
        </label>
        <button type="submit" className="primary">
          Save
        </button>
      </form>
    </>
  );
}

export function MailboxesAdmin() {
  const { session, teams } = useDesk();
  const toasts = useToasts();
  const [items, reload] = useList<Mailbox>(() =>
    session.call((api) => api.GET('/api/v1/mailboxes')),
  );
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  return (
    <>
      <ul className="list">
        {items?.map((box) => (
          <li key={box.id}>
            <strong>{box.address}</strong> {box.name}{' '}
            <span className="muted">{teams.find((team) => team.id === box.teamId)?.name}</span>
          </li>
        ))}
      </ul>
      <form
        className="card form"
        aria-label="New mailbox"
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) =>
              api.POST('/api/v1/mailboxes', {
                body: { address, name, ...(teamId ? { teamId } : {}) },
              }),
            )
            .then(() => {
              setAddress('');
              setName('');
              reload();
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <h2>New mailbox</h2>
        <label>
          Address
          <input
            type="email"
            required
            value={address}
            onChange={(event) => setAddress(event.target.value)}
          />
        </label>
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Team
          <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            <option value="">(none)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Save
        </button>
      </form>
    </>
  );
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Period = Settings['businessHours']['periods'][number];

/**
 * The workspace's business hours, or a team's own (a chat widget of the team is live within
 * them): a team without its own uses the workspace's.
 */
export function BusinessHoursAdmin() {
  const { session } = useDesk();
  const toasts = useToasts();
  const [timeZone, setTimeZone] = useState('');
  const [periods, setPeriods] = useState<Period[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [workspaceHours, setWorkspaceHours] = useState<Settings['businessHours']>();
  const [teams, setTeams] = useState<Team[]>([]);
  /** '' for the workspace, else the team's id. */
  const [scope, setScope] = useState('');
  /** For a team: whether it keeps hours of its own. */
  const [own, setOwn] = useState(false);
  const show = (hours: Settings['businessHours']) => {
    setTimeZone(hours.timeZone);
    setPeriods(hours.periods);
  };
  useEffect(() => {
    Promise.all([
      session.call((api) => api.GET('/api/v1/settings')),
      session.call((api) => api.GET('/api/v1/teams')),
    ])
      .then(([settings, list]) => {
        setWorkspaceHours(settings.businessHours);
        show(settings.businessHours);
        setTeams(list.items);
        setLoaded(true);
      })
      .catch((error: unknown) => toasts.error(error));
  }, [session, toasts]);
  const choose = (id: string) => {
    setScope(id);
    const team = teams.find((candidate) => candidate.id === id);
    setOwn(!!team?.businessHours);
    show(team?.businessHours ?? workspaceHours!);
  };
  const save = async () => {
    const hours = { timeZone, periods };
    if (!scope) {
      await session.call((api) =>
        api.PATCH('/api/v1/settings', { body: { businessHours: hours } }),
      );
      setWorkspaceHours(hours);
      return;
    }
    const saved = await session.call((api) =>
      api.PATCH('/api/v1/teams/{id}', {
        params: { path: { id: scope } },
        body: { businessHours: own ? hours : null },
      }),
    );
    setTeams((list) => list.map((team) => (team.id === saved.id ? saved : team)));
  };
  if (!loaded) return <p className="empty">Loading…</p>;
  return (
    <form
      className="card form"
      aria-label="Business hours"
      onSubmit={(event) => {
        event.preventDefault();
        save()
          .then(() => toasts.info('Business hours saved.'))
          .catch((error: unknown) => toasts.error(error));
      }}
    >
      <label>
        Hours of
        <select value={scope} onChange={(event) => choose(event.target.value)}>
          <option value="">The workspace</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              Team {team.name}
            </option>
          ))}
        </select>
      </label>
      {scope && (
        <label className="check">
          <input type="checkbox" checked={own} onChange={(event) => setOwn(event.target.checked)} />
          Hours of its own (otherwise the workspace’s)
        </label>
      )}
      {(!scope || own) && (
        <label>
          Time zone
          <input required value={timeZone} onChange={(event) => setTimeZone(event.target.value)} />
        </label>
      )}
      {(!scope || own) &&
        periods.map((period, index) => (
          <fieldset key={index} className="button-row">
            <legend className="visually-hidden">Opening period {index + 1}</legend>
            <select
              aria-label="Day"
              value={period.day}
              onChange={(event) =>
                setPeriods((list) =>
                  list.map((entry, at) =>
                    at === index ? { ...entry, day: event.target.value as Period['day'] } : entry,
                  ),
                )
              }
            >
              {DAYS.map((day) => (
                <option key={day}>{day}</option>
              ))}
            </select>
            {(['start', 'end'] as const).map((field) => (
              <input
                key={field}
                aria-label={field === 'start' ? 'Opens' : 'Closes'}
                pattern="\d\d:\d\d"
                value={period[field]}
                onChange={(event) =>
                  setPeriods((list) =>
                    list.map((entry, at) =>
                      at === index ? { ...entry, [field]: event.target.value } : entry,
                    ),
                  )
                }
              />
            ))}
            <button
              type="button"
              onClick={() => setPeriods((list) => list.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          </fieldset>
        ))}
      <div className="button-row">
        {(!scope || own) && (
          <button
            type="button"
            onClick={() =>
              setPeriods((list) => [...list, { day: 'mon', start: '09:00', end: '17:00' }])
            }
          >
            Add a period
          </button>
        )}
        <button type="submit" className="primary">
          Save
        </button>
      </div>
    </form>
  );
}

export function ApiTokensAdmin() {
  const { session } = useDesk();
  const toasts = useToasts();
  const [items, reload] = useList<ApiToken>(() =>
    session.call((api) => api.GET('/api/v1/api-tokens')),
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [secret, setSecret] = useState<string>();
  return (
    <>
      {secret && (
        <p className="notice" role="status">
          The new token, shown this once: <code>{secret}</code>
        </p>
      )}
      <ul className="list">
        {items?.map((token) => (
          <li key={token.id}>
            <strong>{token.name}</strong> {token.role}{' '}
            {token.revokedAt ? (
              <span className="muted">revoked</span>
            ) : (
              <button
                type="button"
                onClick={() =>
                  void session
                    .call((api) =>
                      api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id: token.id } } }),
                    )
                    .then(reload, (error: unknown) => toasts.error(error))
                }
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="card form"
        aria-label="New API token"
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) => api.POST('/api/v1/api-tokens', { body: { name, role } }))
            .then((created) => {
              setSecret(created.token);
              setName('');
              reload();
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <h2>New API token</h2>
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <option>agent</option>
            <option>supervisor</option>
            <option>admin</option>
          </select>
        </label>
        <button type="submit" className="primary">
          Create
        </button>
      </form>
    </>
  );
}
