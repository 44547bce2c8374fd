import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorRequest } from '../common';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening period of a day, local time of the workspace's time zone ("09:00"–"17:30"). */
export class OpeningPeriodV1 {
  @IsIn(WEEKDAYS)
  day: Weekday;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start must be HH:MM' })
  start: string;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'end must be HH:MM' })
  end: string;
}

export class BusinessHoursV1 {
  /** An IANA time zone, e.g. Europe/Berlin. */
  @IsString()
  @Length(1, 64)
  timeZone: string;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningPeriodV1)
  periods: OpeningPeriodV1[];
}

export class WorkspaceSettingsV1 {
  workspaceId: string;
  reopenWindowDays: number;
  archiveAfterDays: number;
  intakeCloseMinutes: number;
  /** Where the customers' public ticket pages live ({{ticket_url}} = base + /t/ + token). */
  publicBaseUrl: string;
  businessHours: BusinessHoursV1;
  /** Largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** Content types accepted (checked from the bytes), e.g. image/png, application/pdf. */
  attachmentTypes: string[];
}

export const GET_WORKSPACE_SETTINGS_V1 = 'helpdesk.qry.workspace.get-settings.v1';
/** Any agent of the workspace (and the system) may read them. */
export class GetWorkspaceSettingsV1 extends ActorRequest {}

export const UPDATE_WORKSPACE_SETTINGS_V1 = 'helpdesk.cmd.workspace.update-settings.v1';
/** Admins only; fields left out stay as they are. */
export class UpdateWorkspaceSettingsV1 extends ActorRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  reopenWindowDays?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  archiveAfterDays?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  intakeCloseMinutes?: number;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  publicBaseUrl?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessHoursV1)
  businessHours?: BusinessHoursV1;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  attachmentMaxBytes?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+*-]+$/, {
    each: true,
    message: 'each type must be a MIME type',
  })
  attachmentTypes?: string[];
}
