import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Headers } from '@switchboard/contracts';
import { natsHandlerDuration, runWithCorrelation } from '@switchboard/observability';
import { Observable, tap } from 'rxjs';
import { NatsConnection } from '../nats-connection';

/** Runs each NATS handler under the caller's correlation id and times it. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(private readonly nats: NatsConnection) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const nats = context.switchToRpc().getContext<NatsContext>();
    const correlationId = nats.getHeaders()?.get(Headers.correlationId);
    const subject = this.nats.unqualified(nats.getSubject());
    const end = natsHandlerDuration.startTimer({ subject, kind: 'request' });
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        next
          .handle()
          .pipe(
            tap({
              next: () => end({ outcome: 'ok' }),
              error: () => end({ outcome: 'error' }),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
