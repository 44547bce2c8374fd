import { useEffect, useState } from 'react';
import type { Customer, Priority, TicketDetail } from '../api/types';
import { formatAge, formatTime } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import type { RunCommand } from './run-command';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The customer, labels, priority, team and participants, access requests. */
export function SidePanel(props: {
  ticket: TicketDetail;
  run: RunCommand;
  onOpen(id: string): void;
}) {
  const { session, agents, me } = useDesk();
  const toasts = useToasts();
  const { ticket, run } = props;
  const [customer, setCustomer] = useState<Customer>();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [notes, setNotes] = useState('');
  const [label, setLabel] = useState('');
  const [reload, setReload] = useState(0);
  const path = { params: { path: { id: ticket.id } } };
  const customerId = ticket.customer?.id;

  useEffect(() => {
    if (!customerId) return;
    let current = true;
    session
      .call((api) => api.GET('/api/v1/customers/{id}', { params: { path: { id: customerId } } }))
      .then((value) => {
        if (!current) return;
        setCustomer(value);
        setName(value.name ?? '');
        setEmail(value.email ?? '');
        setNotes(value.notes ?? '');
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [session, customerId, reload]);

  const saveCustomer = async (fields: { name?: string; email?: string; notes?: string }) => {
    if (!customerId) return;
    try {
      await session.call((api) =>
        api.PATCH('/api/v1/customers/{id}', { params: { path: { id: customerId } }, body: fields }),
      );
      toasts.info('Customer saved.');
      setEditing(false);
      setReload((value) => value + 1);
    } catch (error) {
      toasts.error(error);
    }
  };

  const labels = (change: { add?: string[]; remove?: string[] }) =>
    run('Labels changed.', () =>
      session.call((api) =>
        api.POST('/api/v1/tickets/{id}/labels', {
          ...path,
          body: { add: change.add ?? [], remove: change.remove ?? [] },
        }),
      ),
    );

  const participants = ticket.participantIds
    .map((id) => agents.find((agent) => agent.id === id))
    .filter((agent) => agent !== undefined);

  return (
    <aside className="side-panel" aria-label="Ticket details">
      <section>
        <h3>Customer</h3>
        {customer ? (
          editing ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void saveCustomer({ name, email });
              }}
            >
              <label>
                Name
                <input value={name} onChange={(event) => setName(event.target.value)} />
              </label>
              <label>
                Email
                <input
                  type="email"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              </label>
              <div className="button-row">
                <button type="submit" className="primary">
                  Save
                </button>
                <button type="button" onClick={() => setEditing(false)}>
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <>
              <dl className="fields">
                <dt>Name</dt>
                <dd data-testid="customer-name">{customer.name ?? '—'}</dd>
                <dt>Email</dt>
                <dd>{customer.email ?? '—'}</dd>
                {customer.phone && (
                  <>
                    <dt>Phone</dt>
                    <dd>{customer.phone}</dd>
                  </>
                )}
                {customer.externalId && (
                  <>
                    <dt>External id</dt>
                    <dd>{customer.externalId}</dd>
                  </>
                )}
                {ticket.originIp && (
                  <>
                    <dt>IP</dt>
                    <dd>{ticket.originIp}</dd>
                  </>
                )}
                <dt>Ticket age</dt>
                <dd title={formatTime(ticket.createdAt)}>{formatAge(ticket.createdAt)}</dd>
              </dl>
              <button type="button" onClick={() => setEditing(true)}>
                Edit name and email
              </button>
            </>
          )
        ) : (
          <p className="muted">
            {ticket.customer?.name ?? ticket.customer?.email ?? 'No customer'}
          </p>
        )}
        {customer && (
          <form
            className="customer-notes"
            onSubmit={(event) => {
              event.preventDefault();
              void saveCustomer({ notes });
            }}
          >
            <label>
              Customer notes (agents only)
              <textarea rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </label>
            <button type="submit">Save notes</button>
          </form>
        )}
        {customer && customer.tickets.filter((other) => other.id !== ticket.id).length > 0 && (
          <>
            <h4>Earlier tickets</h4>
            <ul className="earlier">
              {customer.tickets
                .filter((other) => other.id !== ticket.id)
                .slice(0, 10)
                .map((other) => (
                  <li key={other.id}>
                    <button type="button" className="link" onClick={() => props.onOpen(other.id)}>
                      #{other.number} {other.subject}
                    </button>{' '}
                    <span className="muted">{other.status}</span>
                  </li>
                ))}
            </ul>
          </>
        )}
      </section>
      <section>
        <h3>Labels</h3>
        <ul className="chips" aria-label="Labels">
          {ticket.labels.map((name) => (
            <li key={name} className="chip">
              {name}
              <button
                type="button"
                aria-label={`Remove label ${name}`}
                onClick={() => void labels({ remove: [name] })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="button-row"
          onSubmit={(event) => {
            event.preventDefault();
            const value = label.trim();
            if (value) void labels({ add: [value] }).then((ok) => ok && setLabel(''));
          }}
        >
          <label className="visually-hidden" htmlFor="add-label">
            Add a label
          </label>
          <input
            id="add-label"
            placeholder="Add a label"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button type="submit">Add</button>
        </form>
      </section>
      <section>
        <label>
          <h3>Priority</h3>
          <select
            value={ticket.priority}
            onChange={(event) =>
              void run('Priority changed.', () =>
                session.call((api) =>
                  api.POST('/api/v1/tickets/{id}/priority', {
                    ...path,
                    body: { priority: event.target.value as Priority },
                  }),
                ),
              )
            }
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priority}
              </option>
            ))}
          </select>
        </label>
      </section>
      <section>
        <h3>Participants</h3>
        {participants.length === 0 && <p className="muted">None</p>}
        <ul>
          {participants.map((agent) => (
            <li key={agent.id}>{agent.name}</li>
          ))}
        </ul>
        <label>
          <span className="visually-hidden">Invite an agent</span>
          <select
            value=""
            onChange={(event) =>
              event.target.value &&
              void run('Participant invited.', () =>
                session.call((api) =>
                  api.POST('/api/v1/tickets/{id}/participants', {
                    ...path,
                    body: { add: [event.target.value], remove: [] },
                  }),
                ),
              )
            }
          >
            <option value="">Invite an agent…</option>
            {agents
              .filter(
                (agent) =>
                  agent.active &&
                  agent.id !== ticket.assigneeId &&
                  !ticket.participantIds.includes(agent.id),
              )
              .map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
          </select>
        </label>
      </section>
      <AccessRequests ticket={ticket} run={run} myId={me.agent.id} />
    </aside>
  );
}

function AccessRequests(props: { ticket: TicketDetail; run: RunCommand; myId: string }) {
  const { session, agents } = useDesk();
  const { ticket, run } = props;
  const mine = ticket.assigneeId === props.myId;
  const involved = mine || ticket.participantIds.includes(props.myId);
  const pending = (
    ticket.accessRequests as { id: string; agentId: string; status?: string }[]
  ).filter((request) => !request.status || request.status === 'pending');
  return (
    <section>
      <h3>Access</h3>
      {!involved && ticket.status !== 'new' && (
        <button
          type="button"
          onClick={() =>
            void run('Access requested.', () =>
              session.call((api) =>
                api.POST('/api/v1/tickets/{id}/access-requests', {
                  params: { path: { id: ticket.id } },
                }),
              ),
            )
          }
        >
          Request access
        </button>
      )}
      {mine &&
        pending.map((request) => (
          <p key={request.id}>
            {agents.find((agent) => agent.id === request.agentId)?.name ?? 'An agent'} asks to join.{' '}
            {[true, false].map((grant) => (
              <button
                key={String(grant)}
                type="button"
                onClick={() =>
                  void run(grant ? 'Access granted.' : 'Access denied.', () =>
                    session.call((api) =>
                      api.POST('/api/v1/tickets/{id}/access-requests/{requestId}/decision', {
                        params: { path: { id: ticket.id, requestId: request.id } },
                        body: { grant },
                      }),
                    ),
                  )
                }
              >
                {grant ? 'Grant' : 'Deny'}
              </button>
            ))}
          </p>
        ))}
    </section>
  );
}
