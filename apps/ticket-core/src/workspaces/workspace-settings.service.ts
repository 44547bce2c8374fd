import { Injectable } from '@nestjs/common';
import {
  Actor,
  BusinessHoursV1,
  GetWorkspaceSettingsV1,
  LabelListV1,
  ListLabelsV1,
  UpdateWorkspaceSettingsV1,
  WorkspaceSettingsV1,
} from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { DataSource, EntityManager } from 'typeorm';
import { ResolvedActor, requireRole, resolveActor } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';

interface SettingsRow {
  id: string;
  reopen_window_days: number;
  archive_after_days: number;
  intake_close_minutes: number;
  public_base_url: string;
  business_hours: BusinessHoursV1;
  attachment_max_bytes: number;
  attachment_types: string[];
}

const SETTINGS_COLUMNS = `id, reopen_window_days, archive_after_days, intake_close_minutes,
  public_base_url, business_hours, attachment_max_bytes, attachment_types`;

function toWire(row: SettingsRow): WorkspaceSettingsV1 {
  return {
    workspaceId: row.id,
    reopenWindowDays: row.reopen_window_days,
    archiveAfterDays: row.archive_after_days,
    intakeCloseMinutes: row.intake_close_minutes,
    publicBaseUrl: row.public_base_url,
    businessHours: row.business_hours,
    attachmentMaxBytes: row.attachment_max_bytes,
    attachmentTypes: row.attachment_types,
  };
}

/** The IANA zone the runtime knows, or a VALIDATION_FAILED naming the field. */
export function checkBusinessHours(hours: BusinessHoursV1): BusinessHoursV1 {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: hours.timeZone });
  } catch {
    throw TicketCoreException.invalid(
      'businessHours.timeZone',
      `unknown time zone ${hours.timeZone}`,
    );
  }
  hours.periods.forEach((period, index) => {
    // "HH:MM" strings order like the times they name ("24:00" last).
    if (period.start >= period.end) {
      throw TicketCoreException.invalid(
        `businessHours.periods.${index}`,
        'a period must start before it ends',
      );
    }
  });
  return {
    timeZone: hours.timeZone,
    periods: hours.periods.map(({ day, start, end }) => ({ day, start, end })),
  };
}

/** Columns an update may set, from the command's field names. */
const UPDATABLE: Record<string, (value: unknown) => [column: string, value: unknown]> = {
  reopenWindowDays: (value) => ['reopen_window_days', value],
  archiveAfterDays: (value) => ['archive_after_days', value],
  intakeCloseMinutes: (value) => ['intake_close_minutes', value],
  publicBaseUrl: (value) => ['public_base_url', String(value).replace(/\/+$/, '')],
  businessHours: (value) => [
    'business_hours',
    JSON.stringify(checkBusinessHours(value as BusinessHoursV1)),
  ],
  attachmentMaxBytes: (value) => ['attachment_max_bytes', value],
  attachmentTypes: (value) => ['attachment_types', [...new Set(value as string[])]],
};

/**
 * A workspace's settings: any of its agents reads them, admins (and the system) change them.
 * The caller's workspace is the only one: an agent who is not of it gets NOT_FOUND.
 */
@Injectable()
export class WorkspaceSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  get(query: GetWorkspaceSettingsV1): Promise<WorkspaceSettingsV1> {
    return inTransaction(this.dataSource, async (manager) => {
      const actor = await this.caller(manager, query.actor);
      return toWire(await this.read(manager, actor.workspaceId));
    });
  }

  update(command: UpdateWorkspaceSettingsV1): Promise<WorkspaceSettingsV1> {
    return inTransaction(this.dataSource, async (manager) => {
      const actor = await this.caller(manager, command.actor);
      requireRole(actor, 'admin');
      const changes = Object.entries(UPDATABLE)
        .filter(([field]) => command[field as keyof UpdateWorkspaceSettingsV1] !== undefined)
        .map(([field, toColumn]) => toColumn(command[field as keyof UpdateWorkspaceSettingsV1]));
      if (changes.length === 0) return toWire(await this.read(manager, actor.workspaceId));
      const assignments = changes.map(([column], index) => `${column} = $${index + 2}`);
      const [[row]]: [SettingsRow[], number] = await manager.query(
        `UPDATE workspaces SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${SETTINGS_COLUMNS}`,
        [actor.workspaceId, ...changes.map(([, value]) => value)],
      );
      if (!row) throw TicketCoreException.notFound('workspace');
      return toWire(row);
    });
  }

  listLabels(query: ListLabelsV1): Promise<LabelListV1> {
    return inTransaction(this.dataSource, async (manager) => {
      const actor = await this.caller(manager, query.actor);
      const rows: { name: string; created_at: Date }[] = await manager.query(
        `SELECT name, created_at FROM labels WHERE workspace_id = $1 ORDER BY name LIMIT 1000`,
        [actor.workspaceId],
      );
      return {
        items: rows.map((row) => ({ name: row.name, createdAt: row.created_at.toISOString() })),
      };
    });
  }

  /** Agents and the system; an agent unknown to this workspace learns nothing of it. */
  private async caller(manager: EntityManager, actor: Actor): Promise<ResolvedActor> {
    if (actor.kind === 'customer') throw TicketCoreException.forbidden('agents only');
    if (actor.kind === 'agent' && actor.agentId) {
      const [member] = await manager.query(
        `SELECT 1 FROM agents WHERE id = $1 AND workspace_id = $2`,
        [actor.agentId, actor.workspaceId],
      );
      if (!member) throw TicketCoreException.notFound('workspace');
    }
    return resolveActor(manager, actor);
  }

  private async read(manager: EntityManager, workspaceId: string): Promise<SettingsRow> {
    const [row]: SettingsRow[] = await manager.query(
      `SELECT ${SETTINGS_COLUMNS} FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    if (!row) throw TicketCoreException.notFound('workspace');
    return row;
  }
}
