import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import type { Request } from 'express';
import { formError } from './form-errors';
import { PublicContactService } from './public-contact.service';
import * as pages from './public-pages.html';
import { PublicTicketsService } from './public-tickets.service';
import { isSameOriginPost } from './same-origin';
import { PageAnswer } from './send-page';

const isNotFound = (error: unknown) =>
  error instanceof ServiceException && error.code === ErrorCode.NOT_FOUND;

/**
 * The customer's HTML pages over the same services as the JSON routes: the ticket page at its
 * public link (`/t/<token>`) with its reply form, and the web contact form (`/contact/<slug>`).
 */
@Injectable()
export class PublicPagesService {
  constructor(
    private readonly tickets: PublicTicketsService,
    private readonly contact: PublicContactService,
  ) {}

  async ticket(token: string, state: pages.TicketPageState): Promise<PageAnswer> {
    try {
      return { status: 200, html: pages.ticketPage(await this.tickets.view(token), state) };
    } catch (error) {
      if (isNotFound(error)) return { status: 404, html: pages.ticketNotFoundPage() };
      throw error;
    }
  }

  /** The reply form's post: back to the page (303) with a confirmation, or the page with what to fix. */
  async reply(token: string, request: Request): Promise<PageAnswer> {
    if (!isSameOriginPost(originOf(request))) {
      return this.ticketWithError(
        token,
        403,
        'Please send your reply from the ticket page itself.',
      );
    }
    try {
      const sent = await this.tickets.reply(token, request);
      // A reply to a ticket solved long ago starts a follow-up ticket: its page is the one to show.
      return { redirect: `/t/${sent.ticket.token}?sent=1` };
    } catch (error) {
      if (isNotFound(error)) return { status: 404, html: pages.ticketNotFoundPage() };
      const refused = formError(error);
      if (!refused) throw error;
      return this.ticketWithError(token, refused.status, refused.message);
    }
  }

  private async ticketWithError(token: string, status: number, message: string) {
    try {
      return { status, html: pages.ticketPage(await this.tickets.view(token), { error: message }) };
    } catch (error) {
      if (isNotFound(error)) return { status: 404, html: pages.ticketNotFoundPage() };
      throw error;
    }
  }

  async contactForm(slug: string, embed: boolean): Promise<PageAnswer> {
    try {
      const form = await this.contact.form(slug);
      return this.contactFormPage(slug, embed, form.workspace, form.formToken, 200);
    } catch (error) {
      if (isNotFound(error)) return { status: 404, html: pages.contactNotFoundPage() };
      throw error;
    }
  }

  async contactSubmit(slug: string, embed: boolean, request: Request): Promise<PageAnswer> {
    let values: Record<string, unknown> = {};
    try {
      const sent = await this.contact.submit(slug, request, (fields) => (values = fields));
      // Sent from our own page: on to the ticket's page (a reload there sends nothing again).
      // In another site's frame, or without a link, the thanks are this answer.
      if (!embed && sent.link) return { redirect: `${sent.link}?created=1` };
      return {
        status: 200,
        frameable: embed,
        html: pages.contactThanksPage({
          workspaceName: sent.workspace,
          number: sent.number,
          link: sent.link,
          embed,
        }),
      };
    } catch (error) {
      if (isNotFound(error)) return { status: 404, html: pages.contactNotFoundPage() };
      const refused = formError(error);
      if (!refused) throw error;
      // A fresh token: the person may send again at once, having filled the form already.
      const form = await this.contact.form(slug);
      return this.contactFormPage(slug, embed, form.workspace, form.formToken, refused.status, {
        values: {
          name: text(values.name),
          email: text(values.email),
          subject: text(values.subject),
          message: text(values.message),
        },
        error: refused.message,
      });
    }
  }

  private contactFormPage(
    slug: string,
    embed: boolean,
    workspaceName: string,
    formToken: string,
    status: number,
    state: Pick<pages.ContactFormState, 'values' | 'error'> = {},
  ): PageAnswer {
    return {
      status,
      frameable: embed,
      html: pages.contactPage({
        workspaceName,
        formToken,
        embed,
        action: `/contact/${slug}${embed ? '?embed=1' : ''}`,
        ...state,
      }),
    };
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function originOf(request: Request) {
  return {
    secFetchSite: request.get('sec-fetch-site'),
    origin: request.get('origin'),
    // `trust proxy` makes this the browser's view behind a proxy (X-Forwarded-Proto and -Host).
    ownOrigin: `${request.protocol}://${request.host}`,
  };
}
