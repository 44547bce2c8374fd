import { Status } from '@switchboard/contracts';
import { Trusted, html, trusted } from '../http/html';
import { SITE_CSS_PATH, SITE_ICON_PATH } from '../http/site-assets';
import { PublicMessageDto, PublicTicketDto } from './public-ticket.dto';

/*
 * The customer's HTML pages: the ticket page at its public link and the web contact form. No
 * script at all; every text a customer or an agent wrote is escaped by the `html` tag, and a
 * message is shown as its plain text (line breaks kept by the stylesheet), never its HTML.
 */

/** The status in the customer's words. */
export const STATUS_WORDS: Record<Status, string> = {
  new: 'Received: we will get back to you soon',
  open: 'Open: we are working on it',
  pending: 'On hold: we will get back to you',
  solved: 'Solved: reply below if you still need help',
};

interface Shell {
  title: string;
  body: Trusted;
  /** The contact form inside another site's iframe: no outer margins. */
  embed?: boolean;
}

export function shell(page: Shell): string {
  return `<!doctype html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>${page.title}</title>
        <link rel="stylesheet" href="${SITE_CSS_PATH}" />
        <link rel="icon" href="${SITE_ICON_PATH}" type="image/svg+xml" />
      </head>
      <body class="${page.embed ? 'embed' : ''}">
        <main class="page">${page.body}</main>
      </body>
    </html>`.html
  }`;
}

const when = (iso: string) =>
  html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;

function message(item: PublicMessageDto): Trusted {
  const author =
    item.author === 'agent'
      ? (item.authorName ?? 'Support')
      : item.author === 'customer'
        ? 'You'
        : 'Support';
  return html`<li class="message ${item.author}">
    <header><strong>${author}</strong> <span class="muted">${when(item.createdAt)}</span></header>
    <div class="body">${item.bodyText}</div>
    ${
      item.attachments.length
        ? html`<ul class="files" aria-label="Attachments">
            ${item.attachments.map(
              (file) =>
                html`<li><a href="${file.url}" download="${file.name}">${file.name}</a></li>`,
            )}
          </ul>`
        : ''
    }
  </li>`;
}

export interface TicketPageState {
  /** After a reply: the confirmation. */
  sent?: boolean;
  /** Just made from the contact form: the thanks, and why to keep the address. */
  created?: boolean;
  /** A refused reply: what to fix, and what the customer had written. */
  error?: string;
  draft?: string;
}

export function ticketPage(ticket: PublicTicketDto, state: TicketPageState = {}): string {
  return shell({
    title: `#${ticket.number} ${ticket.subject}`,
    body: html`${
        state.created
          ? html`<section class="notice" aria-labelledby="thanks">
              <h2 id="thanks">Thank you, we got your message</h2>
              <p role="status">Your ticket number is <strong>#${ticket.number}</strong>.</p>
              <p>
                Keep this page's address to follow the ticket and reply here. Keep it to yourself:
                whoever has it can read the conversation.
              </p>
            </section>`
          : ''
      }
      <h1>${ticket.subject}</h1>
      <p>
        Ticket #${ticket.number} · opened ${when(ticket.createdAt)}<br />
        Status: <span class="status">${STATUS_WORDS[ticket.status]}</span>
      </p>
      ${state.sent ? html`<p class="notice" role="status">Thank you: your reply was sent.</p>` : ''}
      <h2>Conversation</h2>
      <ol class="messages">
        ${ticket.messages.map(message)}
      </ol>
      <h2 id="reply">Reply</h2>
      ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
      <form method="post" enctype="multipart/form-data" aria-labelledby="reply">
        <label for="body">Your message</label>
        <textarea id="body" name="body" required maxlength="100000">${state.draft ?? ''}</textarea>
        <label for="files">Attach files (optional)</label>
        <input id="files" type="file" name="files" multiple />
        <button type="submit">Send reply</button>
      </form>`,
  });
}

export function ticketNotFoundPage(): string {
  return shell({
    title: 'Link not found',
    body: html`<h1>We could not find this ticket</h1>
      <p>
        The link may be incomplete, or it has been replaced by a newer one. Please use the link in
        the latest email we sent you, or write to us again.
      </p>`,
  });
}

export interface ContactFormState {
  workspaceName: string;
  /** Where the form posts (its own address, `?embed=1` kept). */
  action: string;
  formToken: string;
  embed: boolean;
  values?: Partial<Record<'name' | 'email' | 'subject' | 'message', string>>;
  error?: string;
}

export function contactPage(form: ContactFormState): string {
  const value = (field: keyof NonNullable<ContactFormState['values']>) =>
    form.values?.[field] ?? '';
  return shell({
    title: `Contact ${form.workspaceName}`,
    embed: form.embed,
    body: html`<h1>Contact ${form.workspaceName}</h1>
      ${form.error ? html`<p class="error" role="alert">${form.error}</p>` : ''}
      <form method="post" action="${form.action}" enctype="multipart/form-data">
        <input type="hidden" name="formToken" value="${form.formToken}" />
        <div class="hp">
          <label for="website">Leave this field empty</label>
          <input id="website" type="text" name="website" tabindex="-1" autocomplete="off" />
        </div>
        <label for="name">Your name</label>
        <input
          id="name"
          type="text"
          name="name"
          autocomplete="name"
          maxlength="200"
          required
          value="${value('name')}"
        />
        <label for="email">Your email</label>
        <input
          id="email"
          type="email"
          name="email"
          autocomplete="email"
          maxlength="320"
          required
          value="${value('email')}"
        />
        <label for="subject">Subject</label>
        <input
          id="subject"
          type="text"
          name="subject"
          maxlength="500"
          required
          value="${value('subject')}"
        />
        <label for="message">Message</label>
        <textarea id="message" name="message" required maxlength="100000">
${value('message')}</textarea>
        <label for="files">Attach files (optional)</label>
        <input id="files" type="file" name="files" multiple />
        <button type="submit">Send</button>
      </form>`,
  });
}

export function contactThanksPage(sent: {
  workspaceName: string;
  number: number;
  /** The ticket's public page; null when ticket-core could not name it (a mail brings it). */
  link: string | null;
  embed: boolean;
}): string {
  return shell({
    title: `Message sent to ${sent.workspaceName}`,
    embed: sent.embed,
    body: html`<h1>Thank you, we got your message</h1>
      <p role="status">Your ticket number is <strong>#${sent.number}</strong>.</p>
      ${
        sent.link
          ? html`<p>
              You can follow it and reply at
              <a href="${sent.link}" ${sent.embed ? trusted('target="_blank" rel="noopener"') : ''}
                >its own page</a
              >. Keep the link to yourself: whoever has it can read the conversation.
            </p>`
          : html`<p>We will email you a link to follow it.</p>`
      }`,
  });
}

export function contactNotFoundPage(): string {
  return shell({
    title: 'Not found',
    body: html`<h1>Not found</h1>
      <p>There is no contact form at this address.</p>`,
  });
}

export function tooManyRequestsPage(): string {
  return shell({
    title: 'Too many requests',
    body: html`<h1>Too many requests</h1>
      <p>Please wait a minute, then try again.</p>`,
  });
}
