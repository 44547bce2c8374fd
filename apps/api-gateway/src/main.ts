import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { apiGatewayService } from './service';

void bootstrapService(apiGatewayService);
