import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Every service answers a ping on its own subject, so each can be checked over NATS. */
export const pingSubject = (service: ServiceName) => `helpdesk.qry.${service}.ping.v1` as const;

export const SERVICE_NAMES = [
  'api-gateway',
  'ticket-core',
  'mail-ingest',
  'chat-gateway',
  'notification',
  'knowledge-base',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export class PingV1 {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  echo?: string;
}

export class PongV1 {
  service: string;
  instance: string;
  echo?: string;
  at: string;
}
