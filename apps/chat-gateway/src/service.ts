import { ServiceDefinition } from '@switchboard/messaging';
import { ChatGatewayConfig } from './config';
import { ChatGatewayModule } from './chat-gateway.module';

export const chatGatewayService: ServiceDefinition<ChatGatewayConfig> = {
  service: 'chat-gateway',
  config: ChatGatewayConfig,
  module: (config) => ChatGatewayModule.forRoot(config),
  port: (config) => config.CHAT_GATEWAY_PORT,
};
