import { useEffect, useState } from 'react';
import type { AttachmentRef, Message, TicketDetail } from '../api/types';
import { formatSize, formatTime } from '../components/format';
import { MessageHtml } from '../components/MessageHtml';
import { useDesk } from '../session/session-context';

/** Who wrote what and when, internal notes set apart, attachments, mail details; the history. */
export function Conversation(props: { ticket: TicketDetail }) {
  const { ticket } = props;
  return (
    <section className="conversation" aria-label="Conversation">
      <ol className="messages">
        {ticket.messages.map((message) => (
          <MessageItem key={message.id} message={message} />
        ))}
      </ol>
      <details className="history">
        <summary>History ({ticket.history.length})</summary>
        <ol>
          {ticket.history.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.createdAt}>{formatTime(entry.createdAt)}</time>{' '}
              <strong>{entry.action}</strong> <span className="muted">by {entry.actorKind}</span>{' '}
              <code className="changes">{JSON.stringify(entry.changes)}</code>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function MessageItem(props: { message: Message }) {
  const { agents } = useDesk();
  const { message } = props;
  const internal = message.visibility === 'internal';
  const author =
    message.authorName ??
    (message.authorKind === 'agent'
      ? agents.find((agent) => agent.id === message.authorId)?.name
      : undefined) ??
    message.authorKind;
  const inbound = message.mail?.inbound;
  const delivery = message.mail?.delivery;
  return (
    <li
      className={`message ${internal ? 'note' : `from-${message.authorKind}`}`}
      data-testid={internal ? 'note' : 'message'}
    >
      <header>
        <strong className="author">{author}</strong>
        {internal && <span className="badge note-badge">Internal note</span>}
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        {delivery && (
          <span className={`badge delivery-${delivery.state}`}>
            {delivery.state}
            {delivery.reason ? `: ${delivery.reason}` : ''}
          </span>
        )}
      </header>
      {inbound && (
        <p className="mail-meta">
          From {inbound.from}
          {inbound.authentication && (
            <>
              {' '}
              · SPF {inbound.authentication.spf} · DKIM {inbound.authentication.dkim} · DMARC{' '}
              {inbound.authentication.dmarc}
            </>
          )}
        </p>
      )}
      {message.bodyHtml ? (
        <MessageHtml html={message.bodyHtml} title={`Message from ${author}`} />
      ) : (
        <div className="body">{message.bodyText}</div>
      )}
      {message.attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {message.attachments.map((file) => (
            <Attachment key={file.key + file.name} file={file} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A file: its name as text, a preview for images, a download through the authorized route. */
function Attachment(props: { file: AttachmentRef }) {
  const { session } = useDesk();
  const { file } = props;
  const [preview, setPreview] = useState<string>();
  const image = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
  const url = `/api/v1/attachments/${file.key}?${new URLSearchParams({ name: file.name, type: file.contentType })}`;

  useEffect(() => {
    if (!image) return;
    let objectUrl: string | undefined;
    let current = true;
    void session
      .fetch(url)
      .then((response) => (response.ok ? response.blob() : undefined))
      .then((blob) => {
        if (!blob || !current) return;
        objectUrl = URL.createObjectURL(blob);
        setPreview(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [image, session, url]);

  const download = async () => {
    const response = await session.fetch(url);
    if (!response.ok) return;
    const objectUrl = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = file.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  };

  return (
    <li className="attachment">
      {preview && <img src={preview} alt={file.name} className="preview" />}
      <button type="button" className="link" onClick={() => void download()}>
        {file.name}
      </button>{' '}
      <span className="muted">{formatSize(file.size)}</span>
    </li>
  );
}
