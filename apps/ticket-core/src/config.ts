import { IsIntVar, IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class TicketCoreConfig extends ServiceConfig {
  @IsPort()
  TICKET_CORE_PORT = SERVICE_PORTS['ticket-core'].port;

  /** How often an idle replica looks for due timers; timers fire within this of their time. */
  @IsIntVar(10, 60_000)
  TIMER_POLL_MS = 250;

  /** How often the search index's pending entries are merged (SearchIndexFlusher). */
  @IsIntVar(100, 60_000)
  SEARCH_FLUSH_MS = 1000;
}
