import { Injectable } from '@nestjs/common';
import {
  CreateWorkspaceV1,
  ErrorCode,
  FindWorkspaceV1,
  WORKSPACE_CREATED_V1,
  WorkspaceV1,
} from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { Outbox, ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';
import { Workspace } from './workspace.entity';

function toWire(workspace: Workspace): WorkspaceV1 {
  return {
    id: workspace.id,
    name: workspace.name,
    slug: workspace.slug,
    createdAt: workspace.createdAt.toISOString(),
  };
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Creates the workspace and its `workspace.created` event together; a known slug is answered as is. */
  create(command: CreateWorkspaceV1): Promise<WorkspaceV1> {
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Workspace);
      const result = await repository
        .createQueryBuilder()
        .insert()
        .values({ name: command.name, slug: command.slug })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = result.identifiers.length > 0 && result.identifiers[0] !== undefined;
      const workspace = await repository.findOneByOrFail({ slug: command.slug });
      if (created) {
        await this.outbox.add(manager, WORKSPACE_CREATED_V1, workspace.id, {
          workspaceId: workspace.id,
          name: workspace.name,
          slug: workspace.slug,
          createdAt: workspace.createdAt.toISOString(),
        });
      }
      return toWire(workspace);
    });
  }

  /** A workspace by slug or id; one of them must be given, an unknown one is NOT_FOUND. */
  async find(query: FindWorkspaceV1): Promise<WorkspaceV1> {
    if (!query.slug && !query.workspaceId) {
      throw ServiceException.validation([
        { field: 'slug', errors: ['slug or workspaceId must be given'] },
      ]);
    }
    const workspace = await this.dataSource
      .getRepository(Workspace)
      .findOneBy(query.slug ? { slug: query.slug } : { id: query.workspaceId });
    if (!workspace) throw new ServiceException(ErrorCode.NOT_FOUND, 'workspace not found');
    return toWire(workspace);
  }
}
