import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { NotificationException } from '../core/notification.exception';
import { requireAdmin } from '../preferences/preferences.service';
import { DEFAULT_TEMPLATES, TemplateSource, TemplateVariables } from './default-templates';
import { NOTIFICATION_KINDS, NotificationKind } from './notification-kinds';
import { RenderedMail, TemplateRenderer } from './template-renderer';

/** A workspace's own templates are read again after this long (another replica may have saved one). */
const CACHE_MS = 10_000;

export const TEMPLATE_VARIABLES = [
  'ticket_url',
  'ticket_number',
  'ticket_subject',
  'customer_name',
  'agent_name',
  'message',
  'workspace_name',
  'transcript',
];

/** What a preview fills the variables with; a customer name with markup shows the escaping. */
export const SAMPLE_VARIABLES: TemplateVariables = {
  ticket_url: 'https://help.example.com/t/sample-public-token',
  ticket_number: 1042,
  ticket_subject: 'The printer is on fire',
  customer_name: 'Erin <Example>',
  agent_name: 'Ana Agent',
  message: 'Thanks for writing!\nTurning it off and on again should help.',
  workspace_name: 'Acme',
  transcript: [
    { author: 'Erin <Example>', at: '2026-12-07 09:58 UTC', text: 'The printer is on fire.' },
    {
      author: 'Ana Agent',
      at: '2026-12-07 10:02 UTC',
      text: 'Turning it off and on again should help.',
    },
  ],
};

interface Row {
  kind: NotificationKind;
  subject: string;
  text_body: string;
  html_body: string;
  updated_at: Date;
}

/** Templates per workspace: the workspace's own version of a kind, else the default. */
@Injectable()
export class TemplatesService {
  private readonly renderer = new TemplateRenderer();
  private readonly cache = new Map<string, { at: number; rows: Promise<Map<string, Row>> }>();

  constructor(private readonly dataSource: DataSource) {}

  async render(
    workspaceId: string,
    kind: NotificationKind,
    variables: TemplateVariables,
  ): Promise<RenderedMail> {
    const own = (await this.ownTemplates(workspaceId)).get(kind);
    return this.renderer.render(own ? sourceOf(own) : DEFAULT_TEMPLATES[kind], variables);
  }

  async list(query: c.ListTemplatesV1): Promise<c.NotificationTemplateListV1> {
    requireAdmin(query.actor);
    const own = await this.load(query.actor.workspaceId);
    return {
      items: NOTIFICATION_KINDS.map((kind) => templateOf(kind, own.get(kind))),
      variables: TEMPLATE_VARIABLES,
    };
  }

  async update(command: c.UpdateTemplateV1): Promise<c.NotificationTemplateV1> {
    requireAdmin(command.actor);
    const source = { subject: command.subject, text: command.text, html: command.html };
    this.check(source);
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO templates (workspace_id, kind, subject, text_body, html_body, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (workspace_id, kind) DO UPDATE
         SET subject = excluded.subject, text_body = excluded.text_body,
             html_body = excluded.html_body, updated_by = excluded.updated_by, updated_at = now()
       RETURNING kind, subject, text_body, html_body, updated_at`,
      [
        command.actor.workspaceId,
        command.kind,
        command.subject,
        command.text,
        command.html,
        command.actor.agentId ?? null,
      ],
    );
    this.cache.delete(command.actor.workspaceId);
    return templateOf(command.kind, row);
  }

  async reset(command: c.ResetTemplateV1): Promise<c.NotificationTemplateV1> {
    requireAdmin(command.actor);
    await this.dataSource.query(`DELETE FROM templates WHERE workspace_id = $1 AND kind = $2`, [
      command.actor.workspaceId,
      command.kind,
    ]);
    this.cache.delete(command.actor.workspaceId);
    return templateOf(command.kind, undefined);
  }

  async preview(query: c.PreviewTemplateV1): Promise<c.RenderedTemplateV1> {
    requireAdmin(query.actor);
    const own = (await this.load(query.actor.workspaceId)).get(query.kind);
    const base = own ? sourceOf(own) : DEFAULT_TEMPLATES[query.kind];
    const source = {
      subject: query.subject ?? base.subject,
      text: query.text ?? base.text,
      html: query.html ?? base.html,
    };
    this.check(source);
    return this.renderer.render(source, SAMPLE_VARIABLES);
  }

  private check(source: TemplateSource): void {
    try {
      this.renderer.check(source);
    } catch (error) {
      throw NotificationException.invalid(
        'template',
        `the template does not compile: ${(error as Error).message}`,
      );
    }
  }

  private ownTemplates(workspaceId: string): Promise<Map<string, Row>> {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.rows;
    const rows = this.load(workspaceId);
    rows.catch(() => this.cache.delete(workspaceId));
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(workspaceId, { at: Date.now(), rows });
    return rows;
  }

  private async load(workspaceId: string): Promise<Map<string, Row>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT kind, subject, text_body, html_body, updated_at FROM templates WHERE workspace_id = $1`,
      [workspaceId],
    );
    return new Map(rows.map((row) => [row.kind, row]));
  }
}

function sourceOf(row: Row): TemplateSource {
  return { subject: row.subject, text: row.text_body, html: row.html_body };
}

function templateOf(kind: NotificationKind, row: Row | undefined): c.NotificationTemplateV1 {
  const source = row ? sourceOf(row) : DEFAULT_TEMPLATES[kind];
  return { kind, ...source, custom: !!row, updatedAt: row?.updated_at.toISOString() ?? null };
}
