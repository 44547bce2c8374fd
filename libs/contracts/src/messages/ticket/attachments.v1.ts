import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ActorRequest } from '../common';

export const FIND_ATTACHMENT_V1 = 'helpdesk.qry.attachment.find.v1';

/**
 * May the caller download this stored content, and under which name and type? Answers the
 * attachment as a message of a ticket the actor can see records it, or NOT_FOUND. `name` and
 * `contentType` only choose among several messages that carry the same content.
 */
export class FindAttachmentV1 extends ActorRequest {
  /** A storage key: the lowercase hex SHA-256 of the content. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'key must be a storage key' })
  key: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  contentType?: string;
}

export const KEYS_IN_USE_V1 = 'helpdesk.qry.attachment.keys-in-use.v1';

/**
 * Which of these storage keys a message (of any workspace, deleted tickets included) still
 * carries. Storage is shared by every workspace and by the services that store content, so the
 * gateway's clean-up of abandoned uploads asks before removing a file. Names no actor: it tells
 * nothing but whether content is in use, and only the gateway asks.
 */
export class KeysInUseV1 {
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^[0-9a-f]{64}$/, { each: true, message: 'each key must be a storage key' })
  keys: string[];
}

export class KeysInUseReplyV1 {
  keys: string[];
}
