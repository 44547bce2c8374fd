import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class ChatGatewayConfig extends ServiceConfig {
  @IsPort()
  CHAT_GATEWAY_PORT = SERVICE_PORTS['chat-gateway'].port;
}
