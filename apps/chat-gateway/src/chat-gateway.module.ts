import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { ChatGatewayConfig } from './config';
import { chatGatewayDatabase } from './database';

@Module({})
export class ChatGatewayModule {
  static forRoot(config: ChatGatewayConfig): DynamicModule {
    return {
      module: ChatGatewayModule,
      imports: [
        ...infrastructureModules({
          service: 'chat-gateway',
          config,
          database: chatGatewayDatabase,
        }),
      ],
      providers: [{ provide: ChatGatewayConfig, useValue: config }],
    };
  }
}
