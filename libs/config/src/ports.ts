/** Every process of the helpdesk, its port variable and the default port it listens on. */
export const SERVICE_PORTS = {
  'api-gateway': { variable: 'API_GATEWAY_PORT', port: 3000 },
  'chat-gateway': { variable: 'CHAT_GATEWAY_PORT', port: 3001 },
  'ticket-core': { variable: 'TICKET_CORE_PORT', port: 3002 },
  'mail-ingest': { variable: 'MAIL_INGEST_PORT', port: 3003 },
  notification: { variable: 'NOTIFICATION_PORT', port: 3004 },
  'knowledge-base': { variable: 'KNOWLEDGE_BASE_PORT', port: 3005 },
  web: { variable: 'WEB_PORT', port: 3006 },
} as const;

export type AppName = keyof typeof SERVICE_PORTS;

/** mail-ingest's SMTP listener, besides its HTTP port. */
export const SMTP_LISTENER = { variable: 'SMTP_PORT', port: 2525 } as const;
