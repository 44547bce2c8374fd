import 'reflect-metadata';
import { bootstrapService } from '@switchboard/messaging';
import { knowledgeBaseService } from './service';

void bootstrapService(knowledgeBaseService);
