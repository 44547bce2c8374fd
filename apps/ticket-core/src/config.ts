import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class TicketCoreConfig extends ServiceConfig {
  @IsPort()
  TICKET_CORE_PORT = SERVICE_PORTS['ticket-core'].port;
}
