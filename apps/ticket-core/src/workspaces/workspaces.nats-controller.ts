import { Payload } from '@nestjs/microservices';
import {
  CREATE_WORKSPACE_V1,
  CreateWorkspaceV1,
  FIND_WORKSPACE_V1,
  FindWorkspaceV1,
  GET_WORKSPACE_SETTINGS_V1,
  GetWorkspaceSettingsV1,
  LIST_LABELS_V1,
  LabelListV1,
  ListLabelsV1,
  UPDATE_WORKSPACE_SETTINGS_V1,
  UpdateWorkspaceSettingsV1,
  WorkspaceSettingsV1,
  WorkspaceV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { WorkspaceSettingsService } from './workspace-settings.service';
import { WorkspacesService } from './workspaces.service';

@NatsController()
export class WorkspacesNatsController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  @OnRequest(CREATE_WORKSPACE_V1)
  create(@Payload() command: CreateWorkspaceV1): Promise<WorkspaceV1> {
    return this.workspaces.create(command);
  }

  @OnRequest(FIND_WORKSPACE_V1)
  find(@Payload() query: FindWorkspaceV1): Promise<WorkspaceV1> {
    return this.workspaces.find(query);
  }

  @OnRequest(GET_WORKSPACE_SETTINGS_V1)
  getSettings(@Payload() query: GetWorkspaceSettingsV1): Promise<WorkspaceSettingsV1> {
    return this.settings.get(query);
  }

  @OnRequest(UPDATE_WORKSPACE_SETTINGS_V1)
  updateSettings(@Payload() command: UpdateWorkspaceSettingsV1): Promise<WorkspaceSettingsV1> {
    return this.settings.update(command);
  }

  /** Labels are the workspace's vocabulary; they live here beside its settings. */
  @OnRequest(LIST_LABELS_V1)
  listLabels(@Payload() query: ListLabelsV1): Promise<LabelListV1> {
    return this.settings.listLabels(query);
  }
}
