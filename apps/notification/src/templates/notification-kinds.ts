import {
  AGENT_NOTIFICATION_KINDS,
  AgentNotificationKind,
  CUSTOMER_NOTIFICATION_KINDS,
  CustomerNotificationKind,
  NOTIFICATION_KINDS,
  NotificationKind,
} from '@switchboard/contracts';

export { AGENT_NOTIFICATION_KINDS, CUSTOMER_NOTIFICATION_KINDS, NOTIFICATION_KINDS };
export type { NotificationKind };
export type CustomerKind = CustomerNotificationKind;
export type AgentKind = AgentNotificationKind;

/** Agent notifications that go by email too when an agent has set no preferences. */
export const DEFAULT_AGENT_EMAIL_KINDS: AgentKind[] = [
  'assigned',
  'participant_added',
  'reminder_due',
];

/**
 * RFC 3834's Auto-Submitted value of a kind, or undefined for mail a person wrote (an agent's
 * reply). `auto-replied` answers a customer's mail (auto-responder, out-of-hours); the rest
 * nobody typed is `auto-generated`. Both stop well-behaved auto-responders from answering.
 */
export function autoSubmitted(
  kind: NotificationKind,
): 'auto-replied' | 'auto-generated' | undefined {
  if (kind === 'customer_reply') return undefined;
  return kind === 'auto_response' || kind === 'out_of_hours' ? 'auto-replied' : 'auto-generated';
}
