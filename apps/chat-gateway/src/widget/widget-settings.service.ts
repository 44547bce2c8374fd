import { Injectable } from '@nestjs/common';
import {
  Actor,
  ContactDetails,
  ErrorCode,
  LIST_TEAMS_V1,
  UpdateWidgetSettingsV1,
  WidgetSettingsV1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException } from '@switchboard/messaging';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

interface WidgetRow {
  workspace_id: string;
  widget_key: string;
  identity_secret: string;
  allowed_origins: string[];
  primary_colour: string;
  greeting: string;
  contact_details: ContactDetails;
  team_id: string | null;
}

const toWire = (row: WidgetRow): WidgetSettingsV1 => ({
  workspaceId: row.workspace_id,
  widgetKey: row.widget_key,
  allowedOrigins: row.allowed_origins,
  primaryColour: row.primary_colour,
  greeting: row.greeting,
  contactDetails: row.contact_details,
  teamId: row.team_id,
  identitySecret: row.identity_secret,
});

const newKey = () => `wk_${randomBytes(18).toString('base64url')}`;
const newSecret = () => randomBytes(32).toString('hex');

function requireAdmin(actor: Actor): void {
  if (actor.kind !== 'system' && !(actor.kind === 'agent' && actor.role === 'admin')) {
    throw new ServiceException(ErrorCode.FORBIDDEN, 'the chat widget is set up by admins');
  }
}

/** The chat widget of each workspace: its public key, the sites that may embed it, its look. */
@Injectable()
export class WidgetSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: NatsRpcClient,
  ) {}

  async get(actor: Actor): Promise<WidgetSettingsV1> {
    requireAdmin(actor);
    return toWire(await this.ensure(actor.workspaceId));
  }

  async update(command: UpdateWidgetSettingsV1): Promise<WidgetSettingsV1> {
    requireAdmin(command.actor);
    await this.ensure(command.actor.workspaceId);
    if (command.teamId) await this.requireTeam(command.actor, command.teamId);
    const origins = command.allowedOrigins?.map((origin) => new URL(origin).origin);
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]]: [WidgetRow[], number] = await this.dataSource.query(
      `UPDATE widget_settings SET
         allowed_origins = coalesce($2, allowed_origins),
         primary_colour = coalesce($3, primary_colour),
         greeting = coalesce($4, greeting),
         widget_key = CASE WHEN $5 THEN $6 ELSE widget_key END,
         contact_details = coalesce($7, contact_details),
         team_id = CASE WHEN $8 THEN $9::uuid ELSE team_id END,
         updated_at = now()
       WHERE workspace_id = $1 RETURNING *`,
      [
        command.actor.workspaceId,
        origins ?? null,
        command.primaryColour ?? null,
        command.greeting ?? null,
        command.rotateKey ?? false,
        newKey(),
        command.contactDetails ?? null,
        command.teamId !== undefined,
        command.teamId ?? null,
      ],
    );
    return toWire(row);
  }

  /** A team of the caller's workspace (ticket-core's), or NOT_FOUND. */
  private async requireTeam(actor: Actor, teamId: string): Promise<void> {
    const teams = await this.rpc.request(LIST_TEAMS_V1, { actor });
    if (!teams.items.some((team) => team.id === teamId))
      throw new ServiceException(ErrorCode.NOT_FOUND, 'no such team in this workspace');
  }

  /** The workspace whose widget has this key, if any. */
  async byKey(widgetKey: string): Promise<WidgetSettingsV1 | undefined> {
    const [row]: WidgetRow[] = await this.dataSource.query(
      `SELECT * FROM widget_settings WHERE widget_key = $1`,
      [widgetKey],
    );
    return row && toWire(row);
  }

  /** The settings, made with a fresh key and secret the first time a workspace asks. */
  private async ensure(workspaceId: string): Promise<WidgetRow> {
    await this.dataSource.query(
      `INSERT INTO widget_settings (workspace_id, widget_key, identity_secret) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO NOTHING`,
      [workspaceId, newKey(), newSecret()],
    );
    const [row]: WidgetRow[] = await this.dataSource.query(
      `SELECT * FROM widget_settings WHERE workspace_id = $1`,
      [workspaceId],
    );
    return row;
  }
}
