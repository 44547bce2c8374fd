import { ServiceDefinition } from '@switchboard/messaging';
import { ChatGatewayConfig } from './config';
import { ChatGatewayModule } from './chat-gateway.module';
import { ChatSocketAdapter } from './live/chat-socket.adapter';

export const chatGatewayService: ServiceDefinition<ChatGatewayConfig> = {
  service: 'chat-gateway',
  config: ChatGatewayConfig,
  module: (config) => ChatGatewayModule.forRoot(config),
  port: (config) => config.CHAT_GATEWAY_PORT,
  // socket.io shares the service's HTTP port: /socket.io, namespaces /customer and /agent.
  configure: (app, config) => {
    app.useWebSocketAdapter(new ChatSocketAdapter(app, config.CHAT_MAX_FRAME_BYTES));
  },
};
