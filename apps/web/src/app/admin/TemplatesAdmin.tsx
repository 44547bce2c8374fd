import { useEffect, useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { errorMessage } from '../api/api-error';
import { Dialog } from '../components/Dialog';
import { MessageHtml } from '../components/MessageHtml';
import { contained } from './contained';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { LoadState } from './LoadState';
import { useLoad } from './use-load';

type Template = ApiSchema<'NotificationTemplateV1'>;
type Kind = Template['kind'];
type Rendered = ApiSchema<'RenderedTemplateV1'>;

const KINDS: Record<Kind, string> = {
  assigned: 'Ticket assigned to an agent',
  participant_added: 'Agent added to a ticket',
  reminder_due: 'Reminder due',
  team_new_ticket: 'New ticket for a team',
  access_requested: 'Access requested',
  customer_reply: 'Reply to the customer',
  solve_summary: 'Solved, with a summary',
  auto_response: 'Automatic answer',
  out_of_hours: 'Out of business hours',
  continue_by_mail: 'Chat continued by mail',
  chat_transcript: 'Chat transcript, on request',
};

/** The mails the workspace sends: edit, preview with sample values, back to the default. */
export function TemplatesAdmin() {
  const { session } = useDesk();
  const [loaded, reload] = useLoad(() => session.call((api) => api.GET('/api/v1/mail/templates')));
  const [kind, setKind] = useState<Kind>();
  const [unsaved, setUnsaved] = useState(false);
  const [asking, setAsking] = useState<Kind>();
  const open = (next: Kind) => {
    if (unsaved) return setAsking(next);
    setKind(next);
  };
  if (loaded.state !== 'ready')
    return <LoadState loaded={loaded} what="mail templates" retry={reload} />;
  const { items, variables } = loaded.data;
  if (items.length === 0) return <p className="empty">There are no mail templates.</p>;
  const selected = items.find((item) => item.kind === kind) ?? items[0];
  return (
    <div className="split">
      <nav aria-label="Templates">
        <ul className="list picker">
          {items.map((item) => (
            <li key={item.kind}>
              <button
                type="button"
                className="view"
                aria-current={item.kind === selected.kind ? 'true' : undefined}
                onClick={() => item.kind !== selected.kind && open(item.kind)}
              >
                <span>{KINDS[item.kind] ?? item.kind}</span>
                <span className="badge">{item.custom ? 'edited' : 'default'}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <TemplateEditor
        key={selected.kind}
        template={selected}
        variables={variables}
        onSaved={reload}
        onUnsaved={setUnsaved}
      />
      {asking && (
        <Dialog
          title="Leave without saving?"
          submitLabel="Discard the changes"
          onClose={() => setAsking(undefined)}
          onSubmit={() => {
            setUnsaved(false);
            setKind(asking);
            setAsking(undefined);
          }}
        >
          <p>The changes to “{KINDS[selected.kind]}” since it was last saved will be lost.</p>
        </Dialog>
      )}
    </div>
  );
}

function TemplateEditor(props: {
  template: Template;
  variables: string[];
  onSaved(): void;
  onUnsaved(unsaved: boolean): void;
}) {
  const { session } = useDesk();
  const toasts = useToasts();
  const { template } = props;
  const [subject, setSubject] = useState(template.subject);
  const [text, setText] = useState(template.text);
  const [html, setHtml] = useState(template.html);
  const [preview, setPreview] = useState<Rendered>();
  const [previewError, setPreviewError] = useState<string>();
  useEffect(() => {
    setSubject(template.subject);
    setText(template.text);
    setHtml(template.html);
  }, [template]);

  const unsaved = subject !== template.subject || text !== template.text || html !== template.html;
  const { onUnsaved } = props;
  useEffect(() => onUnsaved(unsaved), [onUnsaved, unsaved]);

  // The preview follows the fields, a moment after typing stops.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      session
        .call((api) =>
          api.POST('/api/v1/mail/templates/{kind}/preview', {
            params: { path: { kind: template.kind } },
            body: { subject, text, html },
          }),
        )
        .then(
          (rendered) => {
            if (!current) return;
            setPreview(rendered);
            setPreviewError(undefined);
          },
          (error: unknown) => current && setPreviewError(errorMessage(error)),
        );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session, template.kind, subject, text, html]);

  const name = KINDS[template.kind] ?? template.kind;
  return (
    <div className="admin-stack">
      <form
        className="card"
        aria-label={`Template: ${name}`}
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) =>
              api.PUT('/api/v1/mail/templates/{kind}', {
                params: { path: { kind: template.kind } },
                body: { subject, text, html },
              }),
            )
            .then(() => {
              toasts.info(`Template “${name}” saved.`);
              props.onSaved();
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <h2>{name}</h2>
        <p className="hint">
          {template.custom ? 'Edited for this workspace.' : 'The default, as shipped.'}{' '}
          Placeholders:{' '}
          {props.variables.map((variable, index) => (
            <span key={variable}>
              {index > 0 && ' '}
              <code>{`{{${variable}}}`}</code>
            </span>
          ))}
          . In the HTML every placeholder is escaped.
        </p>
        <label>
          Subject
          <input required value={subject} onChange={(event) => setSubject(event.target.value)} />
        </label>
        <label>
          Text
          <textarea
            required
            rows={6}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <label>
          HTML
          <textarea
            required
            rows={6}
            className="mono"
            value={html}
            onChange={(event) => setHtml(event.target.value)}
          />
        </label>
        <div className="button-row">
          <button type="submit" className="primary">
            Save
          </button>
          {template.custom && (
            <button
              type="button"
              onClick={() =>
                void session
                  .call((api) =>
                    api.DELETE('/api/v1/mail/templates/{kind}', {
                      params: { path: { kind: template.kind } },
                    }),
                  )
                  .then(() => {
                    toasts.info(`Template “${name}” is the default again.`);
                    props.onSaved();
                  })
                  .catch((error: unknown) => toasts.error(error))
              }
            >
              Reset to the default
            </button>
          )}
        </div>
      </form>
      <section className="card" aria-labelledby="template-preview" data-testid="template-preview">
        <h2 id="template-preview">Preview with sample values</h2>
        {previewError && (
          <p className="error" role="alert">
            {previewError}
          </p>
        )}
        {!preview && !previewError && <p className="empty">Rendering…</p>}
        {preview && (
          <>
            <p>
              <strong>Subject: </strong>
              <span data-testid="preview-subject">{preview.subject}</span>
            </p>
            <h3>HTML</h3>
            <div className="frame-box">
              <MessageHtml html={contained(preview.html)} title="HTML preview" />
            </div>
            <h3>Text</h3>
            <pre className="snippet" data-testid="preview-text">
              {preview.text}
            </pre>
          </>
        )}
      </section>
    </div>
  );
}
