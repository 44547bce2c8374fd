import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Msg, Subscription, errors as natsErrors } from '@nats-io/transport-node';
import {
  Actor,
  ErrorCode,
  ErrorEnvelope,
  INTEGRATION_PREFIX,
  IntegrationSubject,
  integrationSubjects,
} from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import { IntegrationCredentialsService } from './integration-credentials.service';

const FORWARD_TIMEOUT_MS = 10_000;

interface RequestPacket {
  pattern?: unknown;
  data?: unknown;
  id?: unknown;
}

/**
 * The integrations' door to the services. An integration may publish only to
 * `helpdesk.int.<its credential id>.…` (the NATS server enforces it), so the subject names the
 * credential; the bridge refuses a revoked one, checks the role's subjects once more, puts the
 * credential's workspace and actor into the payload (whatever the integration wrote there) and
 * forwards it to the owning service, whose reply goes back unchanged.
 */
@Injectable()
export class IntegrationBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IntegrationBridge.name);
  private subscription?: Subscription;

  constructor(
    private readonly nats: NatsConnection,
    private readonly credentials: IntegrationCredentialsService,
  ) {}

  onApplicationBootstrap(): void {
    // A queue group: one gateway replica takes each request.
    this.subscription = this.nats.client.subscribe(this.nats.subject(`${INTEGRATION_PREFIX}.*.>`), {
      queue: 'api-gateway',
      callback: (error, message) => {
        if (!error) void this.handle(message);
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async handle(message: Msg): Promise<void> {
    let packet: RequestPacket = {};
    try {
      packet = message.json<RequestPacket>();
      const [, , credentialId, ...rest] = this.nats.unqualified(message.subject).split('.');
      const subject = `helpdesk.${rest.join('.')}` as IntegrationSubject;
      const credential = await this.credentials.active(credentialId);
      if (!credential)
        return this.refuse(message, packet, ErrorCode.FORBIDDEN, 'this credential was revoked');
      if (!integrationSubjects(credential.role).includes(subject))
        return this.refuse(
          message,
          packet,
          ErrorCode.FORBIDDEN,
          `a ${credential.role} integration may not send ${subject}`,
        );
      if (typeof packet.data !== 'object' || packet.data === null || Array.isArray(packet.data))
        return this.refuse(message, packet, ErrorCode.VALIDATION_FAILED, 'data must be an object');
      // An integration acts as its workspace's system, seeing every ticket of it; what it may
      // change is limited by its role's subjects, not by teams.
      const actor: Actor = {
        kind: 'system',
        workspaceId: credential.workspaceId,
        teamIds: [],
        role: 'supervisor',
      };
      const forwarded = { pattern: subject, data: { ...packet.data, actor }, id: packet.id };
      const reply = await this.nats.client.request(
        this.nats.subject(subject),
        JSON.stringify(forwarded),
        { timeout: FORWARD_TIMEOUT_MS, headers: message.headers },
      );
      message.respond(reply.data);
    } catch (error) {
      if (error instanceof SyntaxError)
        return this.refuse(message, packet, ErrorCode.VALIDATION_FAILED, 'the body is not JSON');
      const timeout = error instanceof natsErrors.TimeoutError;
      if (!timeout) this.logger.warn(`integration request failed: ${(error as Error).message}`);
      this.refuse(
        message,
        packet,
        timeout ? ErrorCode.TIMEOUT : ErrorCode.UNAVAILABLE,
        timeout ? 'the service did not answer in time' : 'the service is not answering',
      );
    }
  }

  /** An error envelope in the services' own framing, so clients read it the same way. */
  private refuse(message: Msg, packet: RequestPacket, code: ErrorCode, text: string): void {
    const err: ErrorEnvelope = { code, message: text };
    message.respond(JSON.stringify({ id: packet.id, err, isDisposed: true }));
  }
}
