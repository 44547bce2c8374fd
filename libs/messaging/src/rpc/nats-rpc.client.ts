import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, errors as natsErrors } from '@nats-io/transport-node';
import {
  ErrorCode,
  Headers,
  ReplyOf,
  RequestOf,
  RequestSubject,
  isErrorEnvelope,
} from '@switchboard/contracts';
import { currentCorrelationId } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { NatsConnection } from '../nats-connection';
import { RemoteError, ServiceException } from '../service-exception';

export interface RequestOptions {
  /** How long to wait for the answer. */
  timeoutMs?: number;
}

interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Sends a command or query to whichever replica of the owning service takes it, and returns its
 * typed reply. An error envelope that comes back is thrown as a `RemoteError`; no answer in time
 * is TIMEOUT, and no service listening at all is UNAVAILABLE.
 */
@Injectable()
export class NatsRpcClient {
  constructor(private readonly nats: NatsConnection) {}

  async request<S extends RequestSubject>(
    subject: S,
    payload: RequestOf<S>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<S>> {
    const headers = natsHeaders();
    headers.set(Headers.correlationId, currentCorrelationId() ?? randomUUID());
    // Nest's NATS transport frames requests as { pattern, data, id } and answers { response | err }.
    const body = JSON.stringify({ pattern: subject, data: payload, id: randomUUID() });
    let reply: ReplyPacket;
    try {
      const message = await this.nats.client.request(this.nats.subject(subject), body, {
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        headers,
      });
      reply = message.json<ReplyPacket>();
    } catch (error) {
      throw this.transportError(subject, error);
    }
    if (reply.err !== undefined && reply.err !== null) {
      throw isErrorEnvelope(reply.err)
        ? new RemoteError(reply.err, subject)
        : new RemoteError(
            { code: ErrorCode.INTERNAL, message: `${subject} failed: ${String(reply.err)}` },
            subject,
          );
    }
    return reply.response as ReplyOf<S>;
  }

  private transportError(subject: string, error: unknown): ServiceException {
    if (error instanceof natsErrors.TimeoutError) {
      return new ServiceException(ErrorCode.TIMEOUT, `${subject} did not answer in time`);
    }
    if ((error as Error).cause instanceof natsErrors.PermissionViolationError) {
      // A deployment fault, not the caller's: the bus-access table does not grant this call.
      return new ServiceException(
        ErrorCode.INTERNAL,
        `the NATS server does not let this service send ${subject}`,
      );
    }
    if (error instanceof natsErrors.NoRespondersError) {
      return new ServiceException(ErrorCode.UNAVAILABLE, `no service is answering ${subject}`);
    }
    if (error instanceof natsErrors.RequestError && error.isNoResponders()) {
      return new ServiceException(ErrorCode.UNAVAILABLE, `no service is answering ${subject}`);
    }
    return new ServiceException(
      ErrorCode.UNAVAILABLE,
      `${subject} could not be sent: ${(error as Error).message}`,
    );
  }
}
