/**
 * Every word the widget shows, per language: English by default, German to prove the table.
 * `data-lang` on the script tag chooses, else the browser's language; a missing language is
 * English. The loader holds the table (the launcher needs its label at once) and hands the
 * chosen one to the widget.
 */
const en = {
  open: 'Open chat',
  close: 'Close chat',
  title: 'Chat with us',
  intro: 'Ask us anything. We usually answer within minutes.',
  name: 'Your name (optional)',
  email: 'Your email (optional)',
  nameRequired: 'Your name',
  emailRequired: 'Your email',
  message: 'Message',
  start: 'Start chat',
  send: 'Send',
  attach: 'Attach a file',
  conversation: 'Conversation',
  you: 'You',
  agent: 'Support',
  typing: '{name} is typing…',
  someone: 'Someone',
  sending: 'Sending…',
  connecting: 'Connecting…',
  offline: 'Reconnecting…',
  ended: 'This chat has ended.',
  newChat: 'Start a new chat',
  transcript: 'Email me this conversation',
  transcriptSent: 'The conversation is on its way to {email}.',
  uploadFailed: 'The file was not sent: {reason}',
  failed: 'Not sent: {reason}',
  unreachable: 'cannot reach the server',
};

export type Strings = typeof en;

const de: Strings = {
  open: 'Chat öffnen',
  close: 'Chat schließen',
  title: 'Chatten Sie mit uns',
  intro: 'Fragen Sie uns. Wir antworten meist innerhalb von Minuten.',
  name: 'Ihr Name (optional)',
  email: 'Ihre E-Mail (optional)',
  nameRequired: 'Ihr Name',
  emailRequired: 'Ihre E-Mail',
  message: 'Nachricht',
  start: 'Chat starten',
  send: 'Senden',
  attach: 'Datei anhängen',
  conversation: 'Unterhaltung',
  you: 'Sie',
  agent: 'Support',
  typing: '{name} schreibt…',
  someone: 'Jemand',
  sending: 'Wird gesendet…',
  connecting: 'Verbinde…',
  offline: 'Verbindung wird wiederhergestellt…',
  ended: 'Dieser Chat ist beendet.',
  newChat: 'Neuen Chat starten',
  transcript: 'Unterhaltung per E-Mail senden',
  transcriptSent: 'Die Unterhaltung ist unterwegs an {email}.',
  uploadFailed: 'Die Datei wurde nicht gesendet: {reason}',
  failed: 'Nicht gesendet: {reason}',
  unreachable: 'Server nicht erreichbar',
};

const TABLE: Record<string, Strings> = { en, de };

/** The strings for a language tag (`de-AT` falls back to `de`, anything unknown to English). */
export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang ?? '').toLowerCase();
  return TABLE[tag] ?? TABLE[tag.split('-')[0]!] ?? en;
}
