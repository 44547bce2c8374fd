import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { mailIngestService } from './service';

void bootstrapService(mailIngestService);
