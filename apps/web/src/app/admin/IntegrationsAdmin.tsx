import { useEffect, useRef, useState } from 'react';
import type { CreatedIntegration, Integration, IntegrationRole } from '../api/types';
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { formatTime } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { LoadState } from './LoadState';
import { useLoad } from './use-load';

/** What each role may do on the bus (`libs/contracts/src/integration-access.ts`). */
const ROLES: Record<IntegrationRole, string> = {
  'read-only':
    'reads tickets, customers, agents, teams, labels and articles, and receives the workspace’s events.',
  agent:
    'also works on tickets as an agent does: create, reply, note, label, assign, set priority, pending, solve, reopen. Never settings.',
};

/** A file name for the credentials of an integration named so: letters, digits, `.`, `_`, `-`. */
function credsFileName(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
  return `${safe || 'integration'}.creds`;
}

/** Saves a text as a file through a Blob download. */
function download(text: string, fileName: string) {
  const objectUrl = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

/**
 * NATS credentials for services outside Switchboard: issue one for a role (its `.creds` file is
 * shown this once), list them, revoke one.
 */
export function IntegrationsAdmin() {
  const { session } = useDesk();
  const toasts = useToasts();
  const [loaded, reload] = useLoad(() => session.call((api) => api.GET('/api/v1/integrations')));
  const [name, setName] = useState('');
  const [role, setRole] = useState<IntegrationRole>('read-only');
  const [created, setCreated] = useState<CreatedIntegration>();
  const [revoking, setRevoking] = useState<Integration>();
  const [saving, setSaving] = useState(false);
  return (
    <div className="admin-stack">
      {created && <NewCredentials integration={created} />}

      <section className="card" aria-labelledby="integrations-list">
        <h2 id="integrations-list">Issued credentials</h2>
        <LoadState loaded={loaded} what="integrations" retry={reload} />
        {loaded.state === 'ready' && loaded.data.items.length === 0 && (
          <p className="empty">No integrations yet.</p>
        )}
        {loaded.state === 'ready' && (
          <ul className="list">
            {loaded.data.items.map((integration) => (
              <li key={integration.id} className="row" data-testid="integration">
                <strong>{integration.name}</strong>
                <span className="badge">{integration.role}</span>
                <span className="muted">created {formatTime(integration.createdAt)}</span>
                {integration.revokedAt ? (
                  <span className="badge danger">revoked {formatTime(integration.revokedAt)}</span>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Revoke ${integration.name}…`}
                    onClick={() => setRevoking(integration)}
                  >
                    Revoke…
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <form
        className="card form"
        aria-label="New integration"
        onSubmit={(event) => {
          event.preventDefault();
          setSaving(true);
          session
            .call((api) => api.POST('/api/v1/integrations', { body: { name, role } }))
            .then((integration) => {
              setCreated(integration);
              setName('');
              reload();
            })
            .catch((error: unknown) => toasts.error(error))
            .finally(() => setSaving(false));
        }}
      >
        <h2>New integration</h2>
        <label>
          Name
          <input
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          Role
          <select
            value={role}
            aria-describedby="integration-roles"
            onChange={(event) => setRole(event.target.value as IntegrationRole)}
          >
            {Object.keys(ROLES).map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </label>
        <ul className="hint" id="integration-roles">
          {Object.entries(ROLES).map(([key, text]) => (
            <li key={key}>
              <strong>{key}</strong>: {text}
            </li>
          ))}
        </ul>
        <button type="submit" className="primary" disabled={saving}>
          Create
        </button>
      </form>

      {revoking && (
        <Dialog
          title={`Revoke ${revoking.name}?`}
          submitLabel="Revoke"
          onClose={() => setRevoking(undefined)}
          onSubmit={async () => {
            setRevoking(undefined);
            try {
              await session.call((api) =>
                api.DELETE('/api/v1/integrations/{id}', {
                  params: { path: { id: revoking.id } },
                }),
              );
              toasts.info(`${revoking.name} revoked.`);
              reload();
            } catch (error) {
              toasts.error(error);
            }
          }}
        >
          <p>
            Its credentials stop working at once: its requests are refused and it gets no more
            events. This cannot be undone.
          </p>
        </Dialog>
      )}
    </div>
  );
}

/** The new credentials, shown this once: focused when they appear, to copy or download. */
function NewCredentials(props: { integration: CreatedIntegration }) {
  const { integration } = props;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [integration]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="card"
      aria-labelledby="integration-credentials"
      data-testid="integration-credentials"
    >
      <h2 id="integration-credentials">Credentials for {integration.name}</h2>
      <p className="notice" id="integration-credentials-hint">
        Shown this once: they will not be shown again. Give the file to the integration; the{' '}
        <a href="/api/asyncapi">NATS interface docs</a> say what it may send and receive.
      </p>
      <label>
        The .creds file
        <textarea
          readOnly
          className="mono"
          rows={14}
          spellCheck={false}
          aria-describedby="integration-credentials-hint"
          value={integration.credentials}
        />
      </label>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() => download(integration.credentials, credsFileName(integration.name))}
        >
          Download .creds
        </button>
        <CopyButton text={integration.credentials} label="Copy" />
      </div>
    </section>
  );
}
