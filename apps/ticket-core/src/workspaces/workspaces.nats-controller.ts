import { Payload } from '@nestjs/microservices';
import { CREATE_WORKSPACE_V1, CreateWorkspaceV1, WorkspaceV1 } from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { WorkspacesService } from './workspaces.service';

@NatsController()
export class WorkspacesNatsController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @OnRequest(CREATE_WORKSPACE_V1)
  create(@Payload() command: CreateWorkspaceV1): Promise<WorkspaceV1> {
    return this.workspaces.create(command);
  }
}
