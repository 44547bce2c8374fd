import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { DataSource } from 'typeorm';
import { KbAccess } from '../core/access';
import { KbException } from '../core/kb.exception';
import { reindexSql } from '../search/search.sql';

/** The workspace's knowledge-base language: the text search configuration of its articles. */
@Injectable()
export class KbSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: KbAccess,
  ) {}

  async get(query: c.GetKbSettingsV1): Promise<c.KbSettingsV1> {
    const [row] = (await this.dataSource.query(
      `SELECT language FROM kb_settings WHERE workspace_id = $1`,
      [query.actor.workspaceId],
    )) as { language: c.KbLanguage }[];
    return { workspaceId: query.actor.workspaceId, language: row?.language ?? 'english' };
  }

  /** Admins only; every article of the workspace is indexed again in the new language. */
  async update(command: c.UpdateKbSettingsV1): Promise<c.KbSettingsV1> {
    const { actor } = command;
    if (!this.access.isAdmin(actor)) {
      throw KbException.forbidden('only admins set the knowledge base language');
    }
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `INSERT INTO kb_settings (workspace_id, language) VALUES ($1, $2)
         ON CONFLICT (workspace_id) DO UPDATE SET language = $2, updated_at = now()`,
        [actor.workspaceId, command.language],
      );
      await manager.query(reindexSql('true'), [actor.workspaceId]);
    });
    return { workspaceId: actor.workspaceId, language: command.language };
  }
}
