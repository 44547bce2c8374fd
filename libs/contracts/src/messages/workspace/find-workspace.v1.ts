import { IsOptional, IsUUID, Matches } from 'class-validator';

export const FIND_WORKSPACE_V1 = 'helpdesk.qry.workspace.find.v1';
/**
 * A workspace by its slug or by its id (one of them): the public pages start from the slug in
 * their address, the knowledge base's links from the id. Names no actor: a slug is public.
 */
export class FindWorkspaceV1 {
  @IsOptional()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'slug must be 1-63 lowercase letters, digits or inner dashes',
  })
  slug?: string;

  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}
