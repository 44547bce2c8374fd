import { Injectable } from '@nestjs/common';
import { EventEnvelope, WORKSPACE_CREATED_V1, WorkspaceCreatedV1 } from '@switchboard/contracts';
import { OnEvent } from '@switchboard/messaging';
import { EntityManager } from 'typeorm';
import { KnownWorkspace } from './known-workspace.entity';

/** Keeps notification's copy of the workspaces up to date from ticket-core's events. */
@Injectable()
export class WorkspaceDirectory {
  @OnEvent(WORKSPACE_CREATED_V1)
  async onWorkspaceCreated(
    event: EventEnvelope<WorkspaceCreatedV1>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(KnownWorkspace, {
      id: event.data.workspaceId,
      name: event.data.name,
      slug: event.data.slug,
      createdAt: new Date(event.data.createdAt),
    });
  }
}
