import { IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling. The gateway authenticates and sets it on every command; services still enforce
 * workspace isolation and team scoping from it themselves.
 */
export class Actor {
  @IsIn(['agent', 'customer', 'system'])
  kind: 'agent' | 'customer' | 'system';

  @IsUUID()
  workspaceId: string;

  @IsOptional()
  @IsUUID()
  agentId?: string;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsArray()
  @IsUUID('all', { each: true })
  teamIds: string[];
}
