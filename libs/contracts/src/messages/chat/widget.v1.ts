import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { ActorRequest } from '../common';

/** Whether the widget's start form asks for the customer's name and email, or requires them. */
export const CONTACT_DETAILS = ['optional', 'required'] as const;
export type ContactDetails = (typeof CONTACT_DETAILS)[number];

/**
 * The chat widget of a workspace, kept by chat-gateway: the public key the widget connects with,
 * the sites allowed to embed it (checked against the socket's Origin) and its look.
 */
export class WidgetSettingsV1 {
  workspaceId: string;
  /** Public: it is in the page that embeds the widget. Rotating it cuts off old embeds. */
  widgetKey: string;
  /** Origins such as https://shop.example.com; empty allows any site (set them in production). */
  allowedOrigins: string[];
  primaryColour: string;
  greeting: string;
  contactDetails: ContactDetails;
  /**
   * The team its chats go to (their tickets' team), whose business hours and online members decide
   * whether a chat is live; null: the workspace's hours and any agent online.
   */
  teamId: string | null;
  /**
   * Secret: the company's backend signs a visitor's identity with it (HMAC-SHA256 of
   * `externalId:email`), so the chat is linked to that customer record. Never put it in a page.
   */
  identitySecret: string;
}

export const GET_WIDGET_SETTINGS_V1 = 'helpdesk.qry.widget.get-settings.v1';
/** Admins (and the system); the settings are made with a fresh key on first read. */
export class GetWidgetSettingsV1 extends ActorRequest {}

export const UPDATE_WIDGET_SETTINGS_V1 = 'helpdesk.cmd.widget.update-settings.v1';
/** Admins only; fields left out stay as they are. */
export class UpdateWidgetSettingsV1 extends ActorRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { each: true, message: 'each origin must be an http(s) URL' },
  )
  allowedOrigins?: string[];

  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'primaryColour must be #rrggbb' })
  primaryColour?: string;

  @IsOptional()
  @IsString()
  @Length(0, 500)
  greeting?: string;

  @IsOptional()
  @IsIn(CONTACT_DETAILS)
  contactDetails?: ContactDetails;

  /** The team its chats go to; null: none (the whole workspace). */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  teamId?: string | null;

  /** A new widget key; embeds with the old one stop connecting. */
  @IsOptional()
  @IsBoolean()
  rotateKey?: boolean;
}

/**
 * What a widget is told when it connects (`chat:settings`): its look and what its start form
 * asks. Public, as the key: never the identity secret or the allowed origins.
 */
export interface WidgetLookV1 {
  primaryColour: string;
  greeting: string;
  contactDetails: ContactDetails;
}
