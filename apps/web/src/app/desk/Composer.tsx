import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { CannedReply, TicketDetail } from '../api/types';
import { formatSize } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import type { DeskCommand } from './shortcuts';
import { Suggestions } from './Suggestions';
import type { RunCommand } from './run-command';

interface Upload {
  key: string;
  name: string;
  contentType: string;
  size: number;
}

/**
 * A public reply or an internal note; canned replies (placeholders filled by the server for this
 * ticket); files by picker or drag and drop; the stale-reply guard (a message that arrived
 * while typing is shown before the reply goes).
 */
export function Composer(props: {
  ticket: TicketDetail;
  run: RunCommand;
  command?: DeskCommand;
  /** Typing a public reply (not a note: the customer would see it) or no longer. */
  onTyping?(typing: boolean): void;
}) {
  const { session } = useDesk();
  const toasts = useToasts();
  const { ticket } = props;
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [dragging, setDragging] = useState(false);
  const [seen, setSeen] = useState(ticket.messages.length);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const stale = text.trim() !== '' && ticket.messages.length > seen;

  useEffect(() => {
    session
      .call((api) => api.GET('/api/v1/canned-replies'))
      .then((list) => setCanned(list.items))
      .catch(() => undefined);
  }, [session]);

  useEffect(() => {
    if (text.trim() === '') setSeen(ticket.messages.length);
  }, [text, ticket.messages.length]);

  useEffect(() => {
    if (props.command?.name === 'reply' || props.command?.name === 'note') {
      setMode(props.command.name);
      textRef.current?.focus();
    }
  }, [props.command]);

  const upload = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await session.fetch('/api/v1/attachments', { method: 'POST', body: form });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        toasts.error(ApiError.from(response, body));
        continue;
      }
      setUploads((list) => [...list, body as Upload]);
    }
  };

  const insertCanned = async (id: string) => {
    if (!id) return;
    try {
      const rendered = await session.call((api) =>
        api.GET('/api/v1/canned-replies/{id}/render', {
          params: { path: { id }, query: { ticketId: ticket.id } },
        }),
      );
      setText((current) => (current ? `${current}\n${rendered.body}` : rendered.body));
      textRef.current?.focus();
    } catch (error) {
      toasts.error(error);
    }
  };

  const send = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    props.onTyping?.(false);
    const body = text;
    const ok =
      mode === 'reply'
        ? await props.run('Reply sent.', () =>
            session.call((api) =>
              api.POST('/api/v1/tickets/{id}/replies', {
                params: { path: { id: ticket.id } },
                body: { body, attachments: uploads },
              }),
            ),
          )
        : await props.run('Note added.', () =>
            session.call((api) =>
              api.POST('/api/v1/tickets/{id}/notes', {
                params: { path: { id: ticket.id } },
                body: { body },
              }),
            ),
          );
    setBusy(false);
    if (ok) {
      setText('');
      setUploads([]);
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) void upload(event.dataTransfer.files);
  };

  return (
    <section
      className={`composer ${mode}${dragging ? ' dragging' : ''}`}
      aria-label="Composer"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <div className="tabs">
        <div role="tablist" aria-label="Reply or note">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'reply'}
            onClick={() => setMode('reply')}
          >
            Reply
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'note'}
            onClick={() => setMode('note')}
          >
            Internal note
          </button>
        </div>
        {canned.length > 0 && (
          <label className="canned">
            <span className="visually-hidden">Insert a canned reply</span>
            <select value="" onChange={(event) => void insertCanned(event.target.value)}>
              <option value="">Canned reply…</option>
              {canned.map((reply) => (
                <option key={reply.id} value={reply.id}>
                  {reply.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {mode === 'reply' && (
        <Suggestions
          ticketId={ticket.id}
          onInsert={(insert) => {
            setText((current) => (current ? `${current}\n${insert}` : insert));
            textRef.current?.focus();
          }}
        />
      )}
      <label className="visually-hidden" htmlFor="composer-text">
        {mode === 'reply' ? 'Reply to the customer' : 'Internal note, for agents only'}
      </label>
      <textarea
        id="composer-text"
        ref={textRef}
        rows={4}
        value={text}
        placeholder={
          mode === 'reply'
            ? 'Reply to the customer…  (Ctrl+Enter sends)'
            : 'Internal note, never shown to the customer…'
        }
        onChange={(event) => {
          setText(event.target.value);
          if (mode === 'reply') props.onTyping?.(event.target.value.trim() !== '');
        }}
        onBlur={() => props.onTyping?.(false)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
        }}
      />
      {stale && (
        <p className="warning" role="alert">
          A new message arrived while you were writing. Read it above before you send.
          <button type="button" onClick={() => setSeen(ticket.messages.length)}>
            I have read it
          </button>
        </p>
      )}
      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((file) => (
            <li key={file.key + file.name}>
              {file.name} <span className="muted">{formatSize(file.size)}</span>
              <button
                type="button"
                aria-label={`Remove ${file.name}`}
                onClick={() => setUploads((list) => list.filter((entry) => entry !== file))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-actions">
        {mode === 'reply' && (
          <label className="file">
            Attach files
            <input
              type="file"
              multiple
              onChange={(event) => {
                if (event.target.files) void upload(event.target.files);
                event.target.value = '';
              }}
            />
          </label>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || !text.trim() || stale}
          onClick={() => void send()}
        >
          {mode === 'reply' ? 'Send reply' : 'Add note'}
        </button>
      </div>
    </section>
  );
}
