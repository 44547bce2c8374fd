import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { OnEvent, OnEvents } from '@switchboard/messaging';
import { EntityManager } from 'typeorm';
import { TicketCoreDirectory } from '../directory/ticket-core-directory';
import { InAppNotifications } from '../in-app/in-app-notifications.service';
import { OutgoingMailQueue, QueueEntry } from '../outgoing-mail/outgoing-mail.queue';
import { PreferencesService } from '../preferences/preferences.service';
import { NotificationContext, Planned, contextOf, planFor } from './notification-plan';

type TicketEvent = c.EventEnvelope<c.TicketEventV1>;

/**
 * ticket-core's events, each from its durable JetStream consumer (`@OnEvent`): every handler
 * runs in the transaction that records the event as processed, and only queues work in
 * notification's tables (mail to send, in-app notifications), so a redelivered event queues
 * nothing twice. Sending happens after the commit, in outgoing-mail/.
 */
@Injectable()
export class TicketEventsConsumer {
  constructor(
    private readonly queue: OutgoingMailQueue,
    private readonly inApp: InAppNotifications,
    private readonly preferences: PreferencesService,
    private readonly directory: TicketCoreDirectory,
  ) {}

  // Replies are most of the traffic, and each queues one row: handled in batches, they share a
  // transaction (its BEGIN, COMMIT and processed-events insert) and one write of all their rows.
  // A batch short of 50 waits up to 50 ms for more: nobody sees that in a mail, and at a steady
  // trickle the batch's five statements were otherwise paid by one to three replies.
  @OnEvents(c.TICKET_MESSAGE_ADDED_V1, { batch: 50, lingerMs: 50 })
  async onMessagesAdded(
    events: c.EventEnvelope<c.TicketMessageAddedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const entries: QueueEntry[] = [];
    for (const event of events) {
      // An inbound mail joins the thread, so the next answer replies to it.
      const inbound = event.data.message.mail;
      if (inbound?.messageId && event.data.message.authorKind === 'customer') {
        entries.push(this.queue.inbound(event.workspaceId, event.data.ticketId, inbound.messageId));
      }
      entries.push(
        ...(await this.plan(
          event,
          manager,
          planFor(c.TICKET_MESSAGE_ADDED_V1, event.data),
          event.data.message,
        )),
      );
    }
    await this.queue.write(manager, entries);
  }

  @OnEvent(c.TICKET_CREATED_V1)
  async onCreated(
    event: c.EventEnvelope<c.TicketCreatedV1>,
    manager: EntityManager,
  ): Promise<void> {
    const { ticket, firstMessage } = event.data;
    const mail = firstMessage?.mail;
    const entries: QueueEntry[] = [];
    if (mail?.messageId) {
      entries.push(this.queue.inbound(event.workspaceId, ticket.id, mail.messageId));
    }
    const planned: Planned[] = [];
    // The auto-responder: per mailbox, off by default, never to automatic mail or a null sender
    // (mail-ingest marks both noAutoReply), and only to a customer with an address.
    const inbound = mail?.inbound;
    if (
      ticket.channel === 'mail' &&
      inbound &&
      !inbound.noAutoReply &&
      ticket.customerEmail &&
      (await this.preferences.autoResponderOn(manager, event.workspaceId, inbound.to ?? []))
    ) {
      planned.push({
        audience: 'customer',
        kind: 'auto_response',
        recipient: ticket.customerEmail,
      });
    }
    // Everyone in the ticket's team hears of it (in-app; by mail only if they asked to).
    if (ticket.teamId && !ticket.assigneeId) {
      const members = await this.directory.teamMembers(event.workspaceId, ticket.teamId);
      for (const agentId of members) {
        if (agentId !== event.data.actorId) {
          planned.push({ audience: 'agent', kind: 'team_new_ticket', agentId });
        }
      }
    }
    entries.push(...(await this.plan(event, manager, planned, firstMessage)));
    await this.queue.write(manager, entries);
  }

  @OnEvent(c.TICKET_SOLVED_V1)
  onSolved(event: c.EventEnvelope<c.TicketSolvedV1>, manager: EntityManager): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_SOLVED_V1, event.data));
  }

  @OnEvent(c.TICKET_INTAKE_CLOSED_V1)
  onIntakeClosed(
    event: c.EventEnvelope<c.TicketIntakeClosedV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_INTAKE_CLOSED_V1, event.data));
  }

  @OnEvent(c.TICKET_ASSIGNED_V1)
  onAssigned(event: c.EventEnvelope<c.TicketAssignedV1>, manager: EntityManager): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_ASSIGNED_V1, event.data));
  }

  @OnEvent(c.TICKET_PARTICIPANTS_CHANGED_V1)
  onParticipantsChanged(
    event: c.EventEnvelope<c.TicketParticipantsChangedV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_PARTICIPANTS_CHANGED_V1, event.data));
  }

  @OnEvent(c.TICKET_REMINDER_DUE_V1)
  onReminderDue(
    event: c.EventEnvelope<c.TicketReminderDueV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_REMINDER_DUE_V1, event.data));
  }

  @OnEvent(c.TICKET_CHANNEL_CHANGED_V1)
  onChannelChanged(
    event: c.EventEnvelope<c.TicketChannelChangedV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_CHANNEL_CHANGED_V1, event.data));
  }

  @OnEvent(c.TICKET_TRANSCRIPT_REQUESTED_V1)
  onTranscriptRequested(
    event: c.EventEnvelope<c.TicketTranscriptRequestedV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_TRANSCRIPT_REQUESTED_V1, event.data));
  }

  @OnEvent(c.TICKET_ACCESS_REQUESTED_V1)
  onAccessRequested(
    event: c.EventEnvelope<c.TicketAccessRequestedV1>,
    manager: EntityManager,
  ): Promise<void> {
    return this.apply(event, manager, planFor(c.TICKET_ACCESS_REQUESTED_V1, event.data));
  }

  private async apply(
    event: TicketEvent,
    manager: EntityManager,
    planned: Planned[],
  ): Promise<void> {
    await this.queue.write(manager, await this.plan(event, manager, planned));
  }

  /**
   * The mail to queue for what was planned; in-app notifications are written at once (they are
   * few, and each is also an event of notification's own).
   */
  private async plan(
    event: TicketEvent,
    manager: EntityManager,
    planned: Planned[],
    message?: c.MessageV1 | null,
  ): Promise<QueueEntry[]> {
    if (planned.length === 0) return [];
    const context: NotificationContext = contextOf(event.data, message);
    const entries: QueueEntry[] = [];
    for (const plan of planned) {
      if (plan.audience === 'customer') {
        entries.push(this.queue.customerMail(event, plan, context));
        continue;
      }
      await this.inApp.add(manager, event, plan.agentId, plan.kind);
      if ((await this.preferences.emailKinds(manager, plan.agentId)).includes(plan.kind)) {
        entries.push(this.queue.agentMail(event, plan, context));
      }
    }
    return entries;
  }
}
