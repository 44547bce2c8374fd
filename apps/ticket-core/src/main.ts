import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { ticketCoreService } from './service';

void bootstrapService(ticketCoreService);
