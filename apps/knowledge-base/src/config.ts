import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';
import { Matches } from 'class-validator';

export class KnowledgeBaseConfig extends ServiceConfig {
  @IsPort()
  KNOWLEDGE_BASE_PORT = SERVICE_PORTS['knowledge-base'].port;

  /**
   * The roles that write articles and categories (comma-separated): admins and supervisors by
   * default; add `agent` to let every agent edit. Everyone else reads.
   */
  @Matches(/^(agent|supervisor|admin)(,(agent|supervisor|admin))*$/, {
    message: 'KB_EDITOR_ROLES must be a comma-separated list of agent, supervisor, admin',
  })
  KB_EDITOR_ROLES = 'admin,supervisor';
}
