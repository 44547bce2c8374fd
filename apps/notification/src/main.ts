import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { notificationService } from './service';

void bootstrapService(notificationService);
