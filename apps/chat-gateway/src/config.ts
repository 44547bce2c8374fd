import { IsIntVar, IsPort, IsTrustProxy, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';
import { IsOptional } from 'class-validator';

export class ChatGatewayConfig extends ServiceConfig {
  /** The proxies whose X-Forwarded-For counts (addresses, CIDRs); none by default. */
  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  @IsPort()
  CHAT_GATEWAY_PORT = SERVICE_PORTS['chat-gateway'].port;

  /** Events one socket may send per 10 seconds; more are refused with an error event. */
  @IsIntVar(1, 10_000)
  CHAT_SOCKET_EVENTS_PER_10S = 50;

  /** Largest frame a socket may send, in bytes (a chat message is at most 10,000 characters). */
  @IsIntVar(1024, 10 * 1024 * 1024)
  CHAT_MAX_FRAME_BYTES = 64 * 1024;

  /** How long before its access token expires an agent's socket is told to refresh it. */
  @IsIntVar(1, 3600)
  CHAT_TOKEN_REFRESH_NOTICE_SECONDS = 60;
}
