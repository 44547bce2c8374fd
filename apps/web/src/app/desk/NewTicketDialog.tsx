import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';

/**
 * Compose a ticket: a mail to a customer (sent as the first message, replies come back by mail)
 * or a note of a phone call (`manual`). It is open and assigned to the composing agent.
 */
export function NewTicketDialog(props: { onClose(): void; onCreated(ticketId: string): void }) {
  const { session, teams } = useDesk();
  const toasts = useToasts();
  const [channel, setChannel] = useState<'mail' | 'manual'>('mail');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [teamId, setTeamId] = useState('');
  return (
    <Dialog
      title="New ticket"
      submitLabel={channel === 'mail' ? 'Send mail' : 'Create'}
      onClose={props.onClose}
      onSubmit={async () => {
        try {
          const ticket = await session.call((api) =>
            api.POST('/api/v1/tickets', {
              body: {
                channel,
                subject,
                body,
                customer: { email, ...(name ? { name } : {}) },
                ...(teamId ? { teamId } : {}),
              },
            }),
          );
          toasts.info(`Ticket #${ticket.number} created.`);
          props.onCreated(ticket.id);
        } catch (error) {
          toasts.error(error);
        }
      }}
    >
      <fieldset className="button-row">
        <legend>Kind</legend>
        <label className="check">
          <input
            type="radio"
            name="channel"
            checked={channel === 'mail'}
            onChange={() => setChannel('mail')}
          />
          Mail to the customer
        </label>
        <label className="check">
          <input
            type="radio"
            name="channel"
            checked={channel === 'manual'}
            onChange={() => setChannel('manual')}
          />
          Note of a call or visit
        </label>
      </fieldset>
      <label>
        Customer email
        <input
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label>
        Customer name
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Subject
        <input
          required
          maxLength={500}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
        />
      </label>
      <label>
        Message
        <textarea
          rows={5}
          required
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
      </label>
      {teams.length > 0 && (
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
      )}
    </Dialog>
  );
}
