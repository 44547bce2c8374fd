import { useEffect, useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { LoadState } from './LoadState';
import { useLoad } from './use-load';

type WidgetSettings = ApiSchema<'WidgetSettingsV1'>;

/** The tag a site pastes into its pages to show the chat widget. */
export function embedSnippet(key: string, origin = window.location.origin): string {
  return `<script src="${origin}/widget.js" data-key="${key}" async></script>`;
}

/** The chat widget: its key and embed snippet, the sites allowed to embed it, its look. */
export function WidgetAdmin() {
  const { session } = useDesk();
  const [loaded, reload, set] = useLoad(() =>
    session.call((api) => api.GET('/api/v1/settings/widget')),
  );
  return (
    <>
      <LoadState loaded={loaded} what="widget settings" retry={reload} />
      {loaded.state === 'ready' && <WidgetForm settings={loaded.data} onSaved={set} />}
    </>
  );
}

function WidgetForm(props: { settings: WidgetSettings; onSaved(settings: WidgetSettings): void }) {
  const { session } = useDesk();
  const toasts = useToasts();
  const { settings } = props;
  const [origins, setOrigins] = useState(settings.allowedOrigins.join('\n'));
  const [colour, setColour] = useState(settings.primaryColour);
  const [greeting, setGreeting] = useState(settings.greeting);
  const [contactDetails, setContactDetails] = useState(settings.contactDetails);
  const [teamId, setTeamId] = useState(settings.teamId ?? '');
  const [teams, setTeams] = useState<ApiSchema<'TeamV1'>[]>([]);
  const [showSecret, setShowSecret] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setOrigins(settings.allowedOrigins.join('\n'));
    setColour(settings.primaryColour);
    setGreeting(settings.greeting);
    setContactDetails(settings.contactDetails);
    setTeamId(settings.teamId ?? '');
  }, [settings]);
  useEffect(() => {
    session
      .call((api) => api.GET('/api/v1/teams'))
      .then((list) => setTeams(list.items))
      .catch((error: unknown) => toasts.error(error));
  }, [session, toasts]);

  const patch = async (body: ApiSchema<'UpdateWidgetBody'>, done: string) => {
    setSaving(true);
    try {
      const saved = await session.call((api) => api.PATCH('/api/v1/settings/widget', { body }));
      props.onSaved(saved);
      toasts.info(done);
    } catch (error) {
      toasts.error(error);
    } finally {
      setSaving(false);
    }
  };
  const snippet = embedSnippet(settings.widgetKey);
  const originList = origins
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  return (
    <div className="admin-stack">
      <section className="card" aria-labelledby="widget-embed">
        <h2 id="widget-embed">Embed</h2>
        <label>
          Widget key
          <input readOnly value={settings.widgetKey} className="mono" />
        </label>
        <div className="button-row">
          <CopyButton text={settings.widgetKey} label="Copy the key" />
          <button type="button" className="danger" onClick={() => setConfirmRotate(true)}>
            Regenerate the key…
          </button>
        </div>
        <p className="hint" id="snippet-hint">
          Paste this into every page that should show the chat, before <code>{'</body>'}</code>:
        </p>
        <pre className="snippet" data-testid="widget-snippet" aria-describedby="snippet-hint">
          {snippet}
        </pre>
        <CopyButton text={snippet} label="Copy the snippet" />
      </section>

      <form
        className="card"
        aria-label="Widget settings"
        onSubmit={(event) => {
          event.preventDefault();
          void patch(
            {
              allowedOrigins: originList,
              primaryColour: colour,
              greeting,
              contactDetails,
              teamId: teamId || null,
            },
            'Widget settings saved.',
          );
        }}
      >
        <h2>Look and sites</h2>
        <label>
          Allowed origins, one per line
          <textarea
            rows={4}
            value={origins}
            placeholder="https://shop.example.com"
            aria-describedby="origins-hint"
            onChange={(event) => setOrigins(event.target.value)}
          />
        </label>
        <p className="hint" id="origins-hint">
          {originList.length === 0
            ? 'None listed: any site may embed the widget. List your sites before going live.'
            : 'Only these sites may embed the widget (scheme, host and port, no path).'}
        </p>
        <div className="colour-field">
          <label>
            Colour (#rrggbb)
            <input
              value={colour}
              pattern="#[0-9a-fA-F]{6}"
              title="A colour as #rrggbb"
              size={8}
              onChange={(event) => setColour(event.target.value)}
            />
          </label>
          <input
            type="color"
            aria-label="Pick the colour"
            value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#000000'}
            onChange={(event) => setColour(event.target.value)}
          />
        </div>
        <label>
          Greeting
          <textarea
            rows={2}
            maxLength={500}
            value={greeting}
            onChange={(event) => setGreeting(event.target.value)}
          />
        </label>
        <label>
          Name and email to start a chat
          <select
            value={contactDetails}
            onChange={(event) => setContactDetails(event.target.value as typeof contactDetails)}
          >
            <option value="optional">Asked, optional</option>
            <option value="required">Required</option>
          </select>
        </label>
        <label>
          Chats go to
          <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            <option value="">The whole workspace (its hours, any agent online)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                Team {team.name} (its hours, its members online)
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
      </form>

      <section className="card" aria-labelledby="widget-identity">
        <h2 id="widget-identity">Identity secret</h2>
        <p className="hint">
          Your backend signs a signed-in visitor&apos;s identity with it (HMAC-SHA256 of{' '}
          <code>externalId:email</code>) so the chat joins their customer record. Never put it in a
          page.
        </p>
        <label>
          Secret
          <input
            readOnly
            className="mono"
            type={showSecret ? 'text' : 'password'}
            value={settings.identitySecret}
          />
        </label>
        <div className="button-row">
          <button type="button" onClick={() => setShowSecret((shown) => !shown)}>
            {showSecret ? 'Hide the secret' : 'Show the secret'}
          </button>
          <CopyButton text={settings.identitySecret} label="Copy the secret" />
        </div>
      </section>

      {confirmRotate && (
        <Dialog
          title="Regenerate the widget key?"
          submitLabel="Regenerate"
          onClose={() => setConfirmRotate(false)}
          onSubmit={async () => {
            setConfirmRotate(false);
            await patch({ rotateKey: true }, 'A new key: update the snippet on your sites.');
          }}
        >
          <p>Pages embedding the current key stop connecting until they use the new snippet.</p>
        </Dialog>
      )}
    </div>
  );
}
