import { IsString, Length, Matches } from 'class-validator';

export const CREATE_WORKSPACE_V1 = 'helpdesk.cmd.workspace.create.v1';

/** Creates a workspace (one company). Idempotent by slug: a second call answers the existing one. */
export class CreateWorkspaceV1 {
  @IsString()
  @Length(1, 120)
  name: string;

  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'slug must be 1-63 lowercase letters, digits or inner dashes',
  })
  slug: string;
}

export class WorkspaceV1 {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}
