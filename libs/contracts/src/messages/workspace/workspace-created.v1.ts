import { IsISO8601, IsString, IsUUID } from 'class-validator';

export const WORKSPACE_CREATED_V1 = 'helpdesk.evt.workspace.created.v1';

export class WorkspaceCreatedV1 {
  @IsUUID()
  workspaceId: string;

  @IsString()
  name: string;

  @IsString()
  slug: string;

  @IsISO8601()
  createdAt: string;
}
