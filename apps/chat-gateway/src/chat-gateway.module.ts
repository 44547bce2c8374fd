import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { AgentGateway } from './agent/agent.gateway';
import { Presence } from './agent/presence';
import { Clock } from './clock';
import { ChatGatewayConfig } from './config';
import { ClientMessages } from './conversation/client-messages';
import { TicketHistory } from './conversation/ticket-history';
import { ChatAvailability } from './customer/chat-availability';
import { ChatSessions } from './customer/chat-sessions';
import { ChatTickets } from './customer/chat-tickets';
import { CustomerGateway } from './customer/customer.gateway';
import { chatGatewayDatabase } from './database';
import { LiveFeed } from './live/live-feed';
import { WidgetModule } from './widget/widget.module';

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
        WidgetModule,
      ],
      providers: [
        { provide: ChatGatewayConfig, useValue: config },
        LiveFeed,
        TicketHistory,
        ClientMessages,
        Clock,
        ChatSessions,
        ChatTickets,
        ChatAvailability,
        Presence,
        CustomerGateway,
        AgentGateway,
      ],
    };
  }
}
