import { useEffect, useState } from 'react';
import type { TicketDetail } from '../api/types';
import { Dialog } from '../components/Dialog';
import { localInputValue } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import type { DeskCommand } from './shortcuts';
import type { RunCommand } from './run-command';

type Open = 'transfer' | 'pending' | 'auto-solve' | 'solve' | 'answer-later' | 'merge' | undefined;

/** The ticket's commands, each offered only where its status allows it. */
export function TicketActions(props: {
  ticket: TicketDetail;
  run: RunCommand;
  command?: DeskCommand;
  onOpen(ticketId: string): void;
}) {
  const { session, me, agents, teams, settings } = useDesk();
  const toasts = useToasts();
  const { ticket, run } = props;
  const [open, setOpen] = useState<Open>();
  const [date, setDate] = useState(localInputValue(24));
  const [withSummary, setWithSummary] = useState(true);
  const [assigneeId, setAssigneeId] = useState('');
  const [teamId, setTeamId] = useState(ticket.teamId ?? '');
  const [mergeNumber, setMergeNumber] = useState('');
  const id = ticket.id;
  const path = { params: { path: { id } } };
  const status = ticket.status;
  const working = status === 'open' || status === 'pending';

  const claim = () =>
    run('Claimed.', () => session.call((api) => api.POST('/api/v1/tickets/{id}/claim', path)));

  useEffect(() => {
    if (props.command?.name === 'claim' && status === 'new') void claim();
    if (props.command?.name === 'solve' && working) setOpen('solve');
    // Only a new command acts; the ticket's own changes do not replay it.
  }, [props.command]);

  const close = () => setOpen(undefined);
  const at = () => new Date(date).toISOString();

  if (ticket.deleted)
    return (
      <div className="actions">
        {me.role === 'admin' && (
          <button
            type="button"
            onClick={() =>
              void run('Restored.', () =>
                session.call((api) => api.POST('/api/v1/tickets/{id}/restore', path)),
              )
            }
          >
            Restore
          </button>
        )}
      </div>
    );

  return (
    <div className="actions" aria-label="Ticket actions" role="toolbar">
      {status === 'new' && (
        <button type="button" className="primary" onClick={() => void claim()}>
          Claim
        </button>
      )}
      {(status === 'new' || status === 'open') && (
        <button type="button" onClick={() => setOpen('transfer')}>
          Transfer
        </button>
      )}
      {status === 'open' && (
        <button
          type="button"
          onClick={() =>
            void run('Returned to the queue.', () =>
              session.call((api) => api.POST('/api/v1/tickets/{id}/return', path)),
            )
          }
        >
          Return to queue
        </button>
      )}
      {status === 'open' && (
        <button type="button" onClick={() => setOpen('pending')}>
          Pending…
        </button>
      )}
      {working && (
        <button type="button" onClick={() => setOpen('auto-solve')}>
          Auto-solve…
        </button>
      )}
      {working && (
        <button type="button" className="primary" onClick={() => setOpen('solve')}>
          Solve…
        </button>
      )}
      {status === 'solved' && (
        <button
          type="button"
          onClick={() =>
            void run('Reopened.', () =>
              session.call((api) => api.POST('/api/v1/tickets/{id}/reopen', path)),
            )
          }
        >
          Reopen
        </button>
      )}
      <details className="more">
        <summary>More</summary>
        <div className="menu">
          {ticket.channel === 'chat' && status !== 'solved' && (
            <button
              type="button"
              onClick={() =>
                void run('Continues by mail.', () =>
                  session.call((api) => api.POST('/api/v1/tickets/{id}/continue-by-mail', path)),
                )
              }
            >
              Continue by mail
            </button>
          )}
          {ticket.channel === 'chat' && status === 'open' && (
            <button type="button" onClick={() => setOpen('answer-later')}>
              Answer later…
            </button>
          )}
          {status !== 'solved' && (
            <button type="button" onClick={() => setOpen('merge')}>
              Merge into…
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              void run('Marked unread.', () =>
                session.call((api) =>
                  api.POST('/api/v1/tickets/{id}/read', { ...path, body: { read: false } }),
                ),
              )
            }
          >
            Mark unread
          </button>
          <button
            type="button"
            onClick={() => {
              const base = settings?.publicBaseUrl ?? window.location.origin;
              const link = `${base.replace(/\/+$/, '')}/t/${ticket.publicToken}`;
              void navigator.clipboard
                ?.writeText(link)
                .then(() => toasts.info('Public link copied.'))
                .catch(() => toasts.info(link));
            }}
          >
            Copy public link
          </button>
          <button
            type="button"
            className="danger"
            onClick={() =>
              void run('Deleted.', () =>
                session.call((api) => api.DELETE('/api/v1/tickets/{id}', path)),
              )
            }
          >
            Delete
          </button>
        </div>
      </details>

      {open === 'transfer' && (
        <Dialog
          title="Transfer the ticket"
          submitLabel="Transfer"
          onClose={close}
          onSubmit={async () => {
            if (!assigneeId && !teamId) return;
            if (
              await run('Transferred.', () =>
                session.call((api) =>
                  api.POST('/api/v1/tickets/{id}/assign', {
                    ...path,
                    body: {
                      ...(assigneeId ? { assigneeId } : {}),
                      ...(teamId ? { teamId } : {}),
                    },
                  }),
                ),
              )
            )
              close();
          }}
        >
          <label>
            Agent
            <select value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
              <option value="">(keep)</option>
              {agents
                .filter((agent) => agent.active)
                .map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.name}
                  </option>
                ))}
            </select>
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
        </Dialog>
      )}
      {(open === 'pending' || open === 'auto-solve' || open === 'answer-later') && (
        <Dialog
          title={
            open === 'pending'
              ? 'Pending until'
              : open === 'auto-solve'
                ? 'Solve automatically on'
                : 'Answer later, by mail, on'
          }
          submitLabel="Set"
          onClose={close}
          onSubmit={async () => {
            const ok =
              open === 'pending'
                ? await run('Pending.', () =>
                    session.call((api) =>
                      api.POST('/api/v1/tickets/{id}/pending', {
                        ...path,
                        body: { remindAt: at() },
                      }),
                    ),
                  )
                : open === 'auto-solve'
                  ? await run('Auto-solve set.', () =>
                      session.call((api) =>
                        api.POST('/api/v1/tickets/{id}/auto-solve', {
                          ...path,
                          body: { autoSolveAt: at() },
                        }),
                      ),
                    )
                  : await run('Will be answered later.', () =>
                      session.call((api) =>
                        api.POST('/api/v1/tickets/{id}/answer-later', {
                          ...path,
                          body: { remindAt: at() },
                        }),
                      ),
                    );
            if (ok) close();
          }}
        >
          <label>
            Date and time
            <input
              type="datetime-local"
              required
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
          </label>
        </Dialog>
      )}
      {open === 'solve' && (
        <Dialog
          title="Solve the ticket"
          submitLabel="Solve"
          onClose={close}
          onSubmit={async () => {
            if (
              await run('Solved.', () =>
                session.call((api) =>
                  api.POST('/api/v1/tickets/{id}/solve', { ...path, body: { withSummary } }),
                ),
              )
            )
              close();
          }}
        >
          <label className="check">
            <input
              type="checkbox"
              checked={withSummary}
              onChange={(event) => setWithSummary(event.target.checked)}
            />
            Mail the customer a summary of the conversation
          </label>
        </Dialog>
      )}
      {open === 'merge' && (
        <Dialog
          title="Merge into another ticket of this customer"
          submitLabel="Merge"
          onClose={close}
          onSubmit={async () => {
            const number = Number(mergeNumber.replace(/^#/, ''));
            if (!Number.isInteger(number) || number < 1) return;
            try {
              const target = await session.call((api) =>
                api.GET('/api/v1/tickets/by-number/{number}', {
                  params: { path: { number } },
                }),
              );
              if (
                await run(`Merged into #${number}.`, () =>
                  session.call((api) =>
                    api.POST('/api/v1/tickets/{id}/merge', {
                      ...path,
                      body: { intoTicketId: target.id },
                    }),
                  ),
                )
              ) {
                close();
                props.onOpen(target.id);
              }
            } catch (error) {
              toasts.error(error);
            }
          }}
        >
          <label>
            Ticket number
            <input
              type="text"
              inputMode="numeric"
              placeholder="#22"
              value={mergeNumber}
              onChange={(event) => setMergeNumber(event.target.value)}
            />
          </label>
        </Dialog>
      )}
    </div>
  );
}
