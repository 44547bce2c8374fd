import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class KnowledgeBaseConfig extends ServiceConfig {
  @IsPort()
  KNOWLEDGE_BASE_PORT = SERVICE_PORTS['knowledge-base'].port;
}
