import { io, type Socket } from 'socket.io-client';
import type { Strings } from './strings';
import { WIDGET_CSS } from './widget-css';
import { readableUnderWhite } from './accent';
import { Entry, Saved, load, save, saveLook, forget } from './saved';

/** What the loader hands over. */
export interface WidgetOptions {
  /** The shadow root the launcher is in; the panel joins it. */
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  widgetKey: string;
  /** The desk's origin (where widget.js came from): the public ticket route for files. */
  deskUrl: string;
  /** chat-gateway, for the socket. */
  chatUrl: string;
  strings: Strings;
  lang: string;
}

interface ChatMessage {
  seq: number;
  id: string;
  authorKind: 'customer' | 'agent' | 'system' | 'assistant';
  authorName: string | null;
  bodyText: string;
  attachments: { key: string; name: string }[];
  createdAt: string;
}

interface Refusal {
  error: { code: string; message: string };
}

const ACK_TIMEOUT_MS = 20_000;
const TYPING_IDLE_MS = 3_000;
/** An agent's typing signal that is never followed by "stopped" (their tab closed) fades. */
const TYPING_FADE_MS = 15_000;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
const newClientId = () =>
  (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9_-]/g, '');

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function field(label: string, control: HTMLInputElement | HTMLTextAreaElement): HTMLLabelElement {
  return element('label', { className: 'field' }, element('span', {}, label), control);
}

/**
 * The chat panel: the start form, the conversation, the composer. Plain DOM: every text from
 * the server or the customer is set with textContent, never parsed as HTML.
 */
export function mount(options: WidgetOptions): { toggle(open?: boolean): void } {
  const { root, launcher, strings: t } = options;
  let saved: Saved | undefined = load(options.widgetKey);

  // --- the panel's parts
  const style = element('style', { textContent: WIDGET_CSS });
  const closeButton = element('button', { type: 'button', className: 'close', textContent: '×' });
  closeButton.setAttribute('aria-label', t.close);
  const title = element('h2', { id: 'sb-title', textContent: t.title });
  const log = element('div', { className: 'log', tabIndex: 0 });
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-label', t.conversation);
  const typing = element('p', { className: 'typing' });
  typing.setAttribute('aria-live', 'polite');
  const alert = element('p', { className: 'alert' });
  alert.setAttribute('role', 'alert');
  const status = element('p', { className: 'status' });
  status.setAttribute('role', 'status');

  const nameInput = element('input', { type: 'text', name: 'name', autocomplete: 'name' });
  const emailInput = element('input', { type: 'email', name: 'email', autocomplete: 'email' });
  const text = element('textarea', { name: 'message', rows: 2 });
  const fileInput = element('input', { type: 'file', name: 'file' });
  const fileField = field(t.attach, fileInput);
  fileField.classList.add('file');
  const identity = element('div', { className: 'identity' }, field(t.name, nameInput));
  identity.append(field(t.email, emailInput));
  const nameLabel = nameInput.previousElementSibling!;
  const emailLabel = emailInput.previousElementSibling!;
  const sendButton = element('button', { type: 'submit', className: 'send' });
  const form = element(
    'form',
    { className: 'composer' },
    identity,
    field(t.message, text),
    fileField,
    sendButton,
  );
  const newChat = element('button', { type: 'button', className: 'new', textContent: t.newChat });
  const mailMe = element('button', {
    type: 'button',
    className: 'link',
    textContent: t.transcript,
  });
  const intro = element('p', { className: 'intro', textContent: t.intro });
  const panel = element(
    'section',
    { className: 'panel', hidden: true, id: 'sb-panel' },
    element('header', {}, title, closeButton),
    intro,
    log,
    typing,
    status,
    alert,
    form,
    newChat,
    mailMe,
  );
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'sb-title');
  panel.lang = options.lang;
  launcher.setAttribute('aria-controls', 'sb-panel');
  root.append(style, panel);

  // --- the log
  const rendered: HTMLElement[] = [];
  const renderEntry = (entry: Entry): HTMLElement => {
    if (entry.kind === 'notice') return element('p', { className: 'notice' }, entry.text);
    const mine = entry.kind === 'local' || entry.author === 'customer';
    const who = mine
      ? t.you
      : entry.kind === 'message' && entry.author === 'agent'
        ? (entry.name ?? t.agent)
        : t.agent;
    const bubble = element(
      'div',
      { className: `message ${mine ? 'mine' : 'theirs'}` },
      element('span', { className: 'who' }, who),
      element('p', { className: 'text' }, entry.text),
    );
    if (entry.kind === 'message') {
      for (const file of entry.files) {
        const link = element('a', { href: file.url, target: '_blank', rel: 'noopener' }, file.name);
        bubble.append(link);
      }
    } else if (entry.failed) {
      bubble.append(
        element('span', { className: 'failed' }, fill(t.failed, { reason: entry.failed })),
      );
    } else if (entry.clientId && entry.pending) {
      bubble.append(element('span', { className: 'pending' }, t.sending));
    }
    return bubble;
  };
  const scrollDown = () => (log.scrollTop = log.scrollHeight);
  const showEntries = () => {
    log.replaceChildren();
    rendered.length = 0;
    for (const entry of saved?.entries ?? []) rendered.push(log.appendChild(renderEntry(entry)));
    scrollDown();
  };
  const addEntry = (entry: Entry) => {
    if (!saved) return;
    saved.entries.push(entry);
    rendered.push(log.appendChild(renderEntry(entry)));
    scrollDown();
  };
  const replaceEntry = (index: number, entry: Entry) => {
    if (!saved) return;
    saved.entries[index] = entry;
    const node = renderEntry(entry);
    rendered[index]?.replaceWith(node);
    rendered[index] = node;
  };
  const persist = () => saved && save(options.widgetKey, saved);

  // --- what the form shows
  const started = () => !!saved;
  const ended = () => saved?.intake === 'ended';
  const refresh = () => {
    identity.hidden = started();
    intro.hidden = started();
    sendButton.textContent = started() ? t.send : t.start;
    form.hidden = ended();
    newChat.hidden = !ended();
    fileField.hidden = !saved?.ticketToken || saved.intake === 'asking';
    mailMe.hidden = !saved?.ticketToken;
  };

  // --- the socket
  const socket: Socket = io(`${options.chatUrl.replace(/\/+$/, '')}/customer`, {
    transports: ['websocket'],
    autoConnect: false,
    // Read at every (re)connect: the chat to resume and the last message this page has.
    auth: (send) =>
      send({
        widgetKey: options.widgetKey,
        ...(saved?.sessionToken && { sessionToken: saved.sessionToken, lastSeq: saved.lastSeq }),
      }),
  });
  // `data-connected` on the host: the page (and its styles, tests, benchmarks) can tell.
  socket.on('connect', () => {
    status.textContent = '';
    root.host.setAttribute('data-connected', '');
  });
  socket.on('disconnect', (reason) => {
    root.host.removeAttribute('data-connected');
    status.textContent = t.offline;
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error & { data?: { code: string; message: string } }) => {
    if (!error.data) {
      status.textContent = t.offline; // the manager tries again by itself
      return;
    }
    // The server refused: a session it no longer knows starts over; anything else is said.
    if (error.data.code === 'UNAUTHENTICATED' && saved) {
      reset();
      socket.connect();
      return;
    }
    status.textContent = '';
    alert.textContent = error.data.message;
  });
  socket.on('chat:message', (message: ChatMessage) => {
    if (!saved || message.seq <= saved.lastSeq) return;
    saved.lastSeq = message.seq;
    const entry: Entry = {
      kind: 'message',
      seq: message.seq,
      id: message.id,
      author: message.authorKind,
      name: message.authorName,
      text: message.bodyText,
      files: message.attachments.map((file) => ({
        name: file.name,
        url: `${options.deskUrl}/api/v1/public/tickets/${saved!.ticketToken}/attachments/${encodeURIComponent(file.key)}`,
      })),
    };
    // The customer's own line, shown while it was on its way, becomes the stored message.
    const local =
      message.authorKind === 'customer'
        ? saved.entries.findIndex(
            (e) => e.kind === 'local' && !!e.clientId && e.text === message.bodyText,
          )
        : -1;
    if (local >= 0) replaceEntry(local, entry);
    else addEntry(entry);
    if (message.authorKind === 'agent') showTyping(false, '');
    persist();
  });
  // The workspace's look and start form, told on every connect.
  socket.on(
    'chat:settings',
    (look: { primaryColour: string; greeting: string; contactDetails: string }) => {
      if (/^#[0-9a-fA-F]{6}$/.test(look.primaryColour)) {
        const accent = readableUnderWhite(look.primaryColour);
        (root.host as HTMLElement).style.setProperty('--sb-accent', accent);
        saveLook(options.widgetKey, accent);
      }
      intro.textContent = look.greeting.trim() || t.intro;
      const required = look.contactDetails === 'required';
      nameInput.required = emailInput.required = required;
      nameLabel.textContent = required ? t.nameRequired : t.name;
      emailLabel.textContent = required ? t.emailRequired : t.email;
    },
  );
  socket.on('chat:intake', (intake: { state: Saved['intake']; text: string }) => {
    if (!saved) return;
    saved.intake = intake.state;
    const last = saved.entries[saved.entries.length - 1];
    // A reconnect repeats where the intake is; the same question twice in a row says nothing new.
    if (!(last?.kind === 'notice' && last.text === intake.text)) {
      addEntry({ kind: 'notice', text: intake.text });
    }
    persist();
    refresh();
  });
  socket.on('chat:session', (session: { ticketToken: string | null }) => {
    if (!saved || !session.ticketToken) return;
    saved.ticketToken = session.ticketToken;
    persist();
    refresh();
  });
  socket.on('chat:moved', () => {
    // Merged into another ticket: its whole history comes next, numbered afresh.
    if (!saved) return;
    saved.lastSeq = 0;
    saved.entries = [];
    showEntries();
    persist();
  });
  let typingFade: ReturnType<typeof setTimeout> | undefined;
  const showTyping = (on: boolean, name: string) => {
    clearTimeout(typingFade);
    typing.textContent = on ? fill(t.typing, { name: name || t.agent }) : '';
    if (on) typingFade = setTimeout(() => (typing.textContent = ''), TYPING_FADE_MS);
  };
  socket.on('chat:typing', (signal: { typing: boolean; name: string | null }) =>
    showTyping(signal.typing, signal.name ?? ''),
  );

  // --- the customer's typing
  let typingSent = false;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  const sendTyping = (on: boolean) => {
    clearTimeout(typingIdle);
    if (on) typingIdle = setTimeout(() => sendTyping(false), TYPING_IDLE_MS);
    if (on === typingSent || !saved?.ticketToken || saved.intake) return;
    typingSent = on;
    if (socket.connected) socket.emit('chat:typing', { typing: on });
  };
  text.addEventListener('input', () => sendTyping(text.value.length > 0));

  // --- sending
  const ask = <T>(event: string, body: unknown): Promise<T | Refusal> =>
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(event, body)
      .catch(() => ({ error: { code: 'TIMEOUT', message: t.unreachable } }));
  const refused = (answer: unknown): answer is Refusal =>
    typeof answer === 'object' && answer !== null && 'error' in answer;

  const startChat = async (body: string) => {
    const clientId = newClientId();
    saved = {
      sessionToken: '',
      lastSeq: 0,
      ticketToken: null,
      intake: null,
      entries: [],
      open: true,
    };
    addEntry({ kind: 'local', text: body, clientId, pending: true });
    refresh();
    const answer = await ask<{
      sessionToken: string;
      ticketToken: string | null;
      intake: Saved['intake'];
    }>('chat:start', {
      clientId,
      body,
      ...(nameInput.value.trim() && { name: nameInput.value.trim() }),
      ...(emailInput.value.trim() && { email: emailInput.value.trim() }),
    });
    if (refused(answer)) {
      saved = undefined;
      showEntries();
      refresh();
      text.value = body;
      alert.textContent = answer.error.message;
      return;
    }
    saved.sessionToken = answer.sessionToken;
    saved.ticketToken = answer.ticketToken ?? saved.ticketToken;
    saved.intake = answer.intake ?? saved.intake;
    settle(clientId, true);
    persist();
    refresh();
    text.focus();
  };

  /** A line's send is over: a message (or the held first one) keeps its id to be matched. */
  const settle = (clientId: string, isMessage: boolean, failed?: string) => {
    const index =
      saved?.entries.findIndex((e) => e.kind === 'local' && e.clientId === clientId) ?? -1;
    if (index < 0) return;
    replaceEntry(index, {
      kind: 'local',
      text: saved!.entries[index]!.text,
      clientId: isMessage && !failed ? clientId : undefined,
      failed,
    });
  };

  const sendMessage = async (body: string) => {
    const clientId = newClientId();
    addEntry({ kind: 'local', text: body, clientId, pending: true });
    sendTyping(false);
    const answer = await ask<{ messageId: string | null }>('chat:message', { clientId, body });
    if (refused(answer)) settle(clientId, false, answer.error.message);
    else settle(clientId, answer.messageId !== null);
    persist();
  };

  const sendFile = async (file: File, body: string) => {
    status.textContent = t.sending;
    const data = new FormData();
    data.append('body', body || file.name);
    data.append('file', file, file.name);
    try {
      const response = await fetch(
        `${options.deskUrl}/api/v1/public/tickets/${encodeURIComponent(saved!.ticketToken!)}/messages`,
        { method: 'POST', body: data },
      );
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { message?: string };
        alert.textContent = fill(t.uploadFailed, {
          reason: problem.message ?? `HTTP ${response.status}`,
        });
      }
      // The message itself arrives over the socket, like every other.
    } catch {
      alert.textContent = fill(t.uploadFailed, { reason: t.unreachable });
    } finally {
      status.textContent = '';
      fileInput.value = '';
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = text.value.trim();
    const file = fileInput.files?.[0];
    if (!body && !file) return;
    alert.textContent = '';
    text.value = '';
    if (!saved) void startChat(body);
    else if (file && saved.ticketToken) void sendFile(file, body);
    else void sendMessage(body);
  });
  // Enter sends, Shift+Enter is a new line, as in every chat.
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // The server knows the chat's email (or says there is none); the mail comes from notification.
  mailMe.addEventListener('click', async () => {
    alert.textContent = '';
    const answer = await ask<{ recipient: string }>('chat:transcript', {
      clientId: newClientId(),
    });
    if (refused(answer)) alert.textContent = answer.error.message;
    else status.textContent = fill(t.transcriptSent, { email: answer.recipient });
  });

  const reset = () => {
    saved = undefined;
    forget(options.widgetKey);
    alert.textContent = '';
    showEntries();
    refresh();
  };
  newChat.addEventListener('click', () => {
    reset();
    socket.disconnect().connect();
    nameInput.focus();
  });

  // --- opening and closing
  const toggle = (open: boolean = panel.hidden !== false) => {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (saved) {
      saved.open = open;
      persist();
    }
    if (open) {
      if (!socket.connected && !socket.active) socket.connect();
      (started() ? (ended() ? newChat : text) : nameInput).focus();
      scrollDown();
    } else {
      launcher.focus();
    }
  };
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      toggle(false);
    }
  });
  closeButton.addEventListener('click', () => toggle(false));

  showEntries();
  refresh();
  // A chat to resume: connect now, so that what was missed arrives; reopen if it was open.
  if (saved) {
    socket.connect();
    if (saved.open) {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
    }
  }
  return { toggle };
}
