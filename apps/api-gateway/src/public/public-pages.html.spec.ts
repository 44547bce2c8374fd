import { describe, expect, it } from '@jest/globals';
import { contactPage, contactThanksPage, ticketPage } from './public-pages.html';
import { PublicTicketDto } from './public-ticket.dto';

const MARKUP = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;';

const ticket: PublicTicketDto = {
  number: 7,
  subject: MARKUP,
  status: 'pending',
  createdAt: '2030-01-01T10:00:00.000Z',
  messages: [
    {
      id: 'm1',
      author: 'customer',
      authorName: null,
      bodyText: `line one\n${MARKUP}`,
      bodyHtml: '<b>rich</b><script>alert(3)</script>',
      attachments: [
        {
          key: 'k',
          name: MARKUP,
          contentType: 'text/plain',
          size: 1,
          url: '/api/v1/public/tickets/t/attachments/k',
        },
      ],
      createdAt: '2030-01-01T10:00:00.000Z',
    },
    {
      id: 'm2',
      author: 'agent',
      authorName: MARKUP,
      bodyText: 'hi',
      bodyHtml: null,
      attachments: [],
      createdAt: '2030-01-01T11:00:00.000Z',
    },
  ],
};

describe('the ticket page', () => {
  const page = ticketPage(ticket, { error: MARKUP, draft: MARKUP });

  it('escapes every text and never shows a message as HTML', () => {
    expect(page).not.toMatch(/<script>|<img|<b>rich/);
    // The title, heading, body, file (name and download name), author, error and draft.
    expect(page.split(ESCAPED).length - 1).toBe(8);
    expect(page).toContain(`line one\n${ESCAPED}`);
  });

  it('says the status in words and has a labelled multipart reply form', () => {
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('On hold');
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('<label for="body">');
    expect(page).toContain('<label for="files">');
  });
});

describe('the contact pages', () => {
  it('escapes the values shown again and the workspace name', () => {
    const page = contactPage({
      workspaceName: MARKUP,
      action: '/contact/acme',
      formToken: '1.x',
      embed: false,
      values: { name: MARKUP, email: MARKUP, subject: MARKUP, message: MARKUP },
      error: MARKUP,
    });
    expect(page).not.toMatch(/<script>|<img/);
    expect(page).toContain(`value="${ESCAPED}"`);
    expect(page).toContain('class="hp"');
  });

  it('links the new ticket, in a new tab when framed', () => {
    const framed = contactThanksPage({
      workspaceName: 'Acme',
      number: 12,
      link: '/t/abc',
      embed: true,
    });
    expect(framed).toContain('#12');
    expect(framed).toMatch(/<a href="\/t\/abc" target="_blank" rel="noopener"/);
    const noLink = contactThanksPage({
      workspaceName: 'Acme',
      number: 12,
      link: null,
      embed: false,
    });
    expect(noLink).toContain('We will email you a link');
  });
});
