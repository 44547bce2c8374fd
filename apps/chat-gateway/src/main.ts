import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { chatGatewayService } from './service';

void bootstrapService(chatGatewayService);
