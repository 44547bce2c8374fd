import { IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ActorRequest, TicketRequest } from '../common';

export class CannedReplyV1 {
  id: string;
  workspaceId: string;
  /** Null for a workspace-wide reply; the agent's id for a personal one. */
  ownerAgentId: string | null;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export const CREATE_CANNED_REPLY_V1 = 'helpdesk.cmd.canned-reply.create.v1';
export class CreateCannedReplyV1 extends ActorRequest {
  @IsString()
  @Length(1, 200)
  title: string;

  /** Placeholders: {{customer_name}}, {{agent_name}}, {{ticket_url}}, {{ticket_number}}. */
  @IsString()
  @Length(1, 20_000)
  body: string;

  /** Workspace-wide replies are for supervisors and admins; personal when left out. */
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

export const UPDATE_CANNED_REPLY_V1 = 'helpdesk.cmd.canned-reply.update.v1';
export class UpdateCannedReplyV1 extends ActorRequest {
  @IsUUID()
  cannedReplyId: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  body?: string;
}

export const DELETE_CANNED_REPLY_V1 = 'helpdesk.cmd.canned-reply.delete.v1';
export class DeleteCannedReplyV1 extends ActorRequest {
  @IsUUID()
  cannedReplyId: string;
}

export const LIST_CANNED_REPLIES_V1 = 'helpdesk.qry.canned-reply.list.v1';
export class ListCannedRepliesV1 extends ActorRequest {}

export const RENDER_CANNED_REPLY_V1 = 'helpdesk.qry.canned-reply.render.v1';
/** The reply's body with its placeholders filled in for one ticket. */
export class RenderCannedReplyV1 extends TicketRequest {
  @IsUUID()
  cannedReplyId: string;
}

export class CannedReplyListV1 {
  items: CannedReplyV1[];
}

export class RenderedCannedReplyV1 {
  body: string;
}
