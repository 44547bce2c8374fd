import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { currentCorrelationId } from './correlation';
import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './redact';

export interface LoggingOptions {
  service: string;
  level: string;
  instance?: string;
}

export function instanceName(explicit?: string): string {
  return explicit ?? `${hostname()}-${process.pid}`;
}

/** A request as pino's standard serializer hands it on. */
interface AccessRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** pino JSON logs; every line carries the service, the instance and the current correlation id. */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: options.level,
      base: { service: options.service, instance: instanceName(options.instance) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
      // Probes and scrapes every few seconds would drown the useful lines.
      autoLogging: {
        ignore: (req: IncomingMessage) => /^\/(health|metrics)\b/.test(req.url ?? ''),
      },
      // The access line names the request and its answer, not its headers: no Authorization or
      // Cookie can reach the log, and without headers to copy and redact the line costs a
      // fraction of the CPU it did. Its URL loses the credentials some URLs carry.
      serializers: {
        req: (req: AccessRequest) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
          userAgent: req.headers['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
