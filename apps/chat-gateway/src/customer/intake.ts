import { BusinessHoursV1, WEEKDAYS } from '@switchboard/contracts';

/**
 * Out of hours, or with nobody online, a chat first asks "leave a message? YES/NO" (PRODUCT §4):
 * YES collects messages into one ticket until `//end` or a silence closes it; NO ends the chat;
 * anything else asks again. Once collecting, "No" is an ordinary message.
 */
export type IntakeState = 'asking' | 'collecting' | 'ended';

export type IntakeStep =
  | 'accept' // YES while asking: the ticket is made with the held first message
  | 'decline' // NO while asking: the chat ends, no ticket
  | 'ask-again' // anything else while asking
  | 'message' // an ordinary message of the ticket
  | 'end' // `//end` while collecting
  | 'refuse'; // the chat has ended

export const INTAKE_QUESTION =
  'Nobody can answer right now. Would you like to leave a message? Answer YES or NO.';
export const INTAKE_COLLECTING =
  'Thank you. Write your message; send //end when you are done. We will answer as soon as we can.';
export const INTAKE_ENDED = 'This chat has ended. Thank you!';

const answer = (body: string) =>
  body
    .trim()
    .toLowerCase()
    .replace(/[.!\s]+$/, '');

/** What a customer's message does in a chat's intake (`null`: a live chat). */
export function intakeStep(state: IntakeState | null, body: string): IntakeStep {
  switch (state) {
    case null:
      return 'message';
    case 'asking': {
      const said = answer(body);
      if (said === 'yes' || said === 'y') return 'accept';
      if (said === 'no' || said === 'n') return 'decline';
      return 'ask-again';
    }
    case 'collecting':
      return body.trim() === '//end' ? 'end' : 'message';
    case 'ended':
      return 'refuse';
  }
}

/**
 * Whether the workspace is open at `at`: in one of its periods, in its time zone. A workspace
 * with no periods has not set business hours and counts as always open.
 */
export function isOpenAt(hours: BusinessHoursV1, at: Date): boolean {
  if (hours.periods.length === 0) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
  const time = `${part('hour')}:${part('minute')}`;
  return hours.periods.some(
    (period) => period.day === day && period.start <= time && time < period.end,
  );
}
