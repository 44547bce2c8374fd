import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { currentCorrelationId } from './correlation';

export interface LoggingOptions {
  service: string;
  level: string;
  instance?: string;
}

export function instanceName(explicit?: string): string {
  return explicit ?? `${hostname()}-${process.pid}`;
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
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
      // Probes and scrapes every few seconds would drown the useful lines.
      autoLogging: {
        ignore: (req: IncomingMessage) => /^\/(health|metrics)\b/.test(req.url ?? ''),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
}
