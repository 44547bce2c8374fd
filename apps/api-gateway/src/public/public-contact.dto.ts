import { Status } from '@switchboard/contracts';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

/** The web contact form: JSON, or the same fields in a multipart form with files. */
export class PublicContactBody {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @Length(1, 500)
  subject: string;

  @IsString()
  @Length(1, 100_000)
  message: string;

  /** From GET /api/v1/public/contact/{slug} (or the form page): signed, with the time it was served. */
  @IsString()
  @MaxLength(100)
  formToken: string;

  /** The honeypot: hidden from people, so it must stay empty. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  website?: string;
}

export class PublicContactFormDto {
  /** The workspace's display name. */
  workspace: string;
  /** Send it back with the form, no sooner than 2 seconds and no later than a day. */
  formToken: string;
}

export class PublicContactDto {
  number: number;
  status: Status;
  /** The ticket's public page (`/t/<token>`, relative to the gateway); null if it could not be named yet. */
  link: string | null;
}
