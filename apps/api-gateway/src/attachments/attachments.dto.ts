import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class AttachmentKeyParams {
  /** The key an upload answered: the content's SHA-256, lowercase hex. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'key must be an attachment key' })
  key: string;
}

/**
 * Which record of the content to serve when several messages carry it. Only chooses among the
 * records of messages the caller can see: the served name and type are always recorded ones.
 */
export class DownloadQuery {
  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  type?: string;
}
