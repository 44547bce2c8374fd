import { Injectable } from '@nestjs/common';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  Actor,
  ErrorCode,
  INTEGRATION_EVENTS_STREAM,
  IntegrationRole,
  workspaceEventSubject,
} from '@switchboard/contracts';
import {
  IntegrationSigningKeys,
  NatsConnection,
  ServiceException,
  credentialsClaims,
  integrationCredentials,
  isNotFound,
} from '@switchboard/messaging';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ApiGatewayConfig } from '../config';
import { CreatedIntegration, IntegrationView } from './integrations.dto';

interface CredentialRow {
  id: string;
  workspace_id: string;
  name: string;
  role: IntegrationRole;
  public_key: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** What the bridge needs of a credential in use. */
export interface ActiveCredential {
  id: string;
  workspaceId: string;
  role: IntegrationRole;
}

const toView = (row: CredentialRow): IntegrationView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * Integrations' NATS credentials: an admin issues one for a workspace and a role (the file is
 * shown once and never stored), lists and revokes them. Issuing one also makes its durable
 * consumer of the workspace's events; revoking deletes that consumer, and the bridge refuses the
 * credential's requests from then on, so a revoked credential reaches nothing.
 */
@Injectable()
export class IntegrationCredentialsService {
  private readonly keys?: IntegrationSigningKeys;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    config: ApiGatewayConfig,
  ) {
    if (config.NATS_INTEGRATION_KEYS_FILE)
      this.keys = JSON.parse(
        readFileSync(config.NATS_INTEGRATION_KEYS_FILE, 'utf8'),
      ) as IntegrationSigningKeys;
  }

  /** The integration events stream's name on the wire. */
  get streamName(): string {
    return this.nats.name(INTEGRATION_EVENTS_STREAM.name);
  }

  async create(actor: Actor, name: string, role: IntegrationRole): Promise<CreatedIntegration> {
    const keys = this.keys;
    if (!keys)
      throw new ServiceException(
        ErrorCode.CONFLICT,
        'this installation issues no integration credentials: api-gateway has no ' +
          'NATS_INTEGRATION_KEYS_FILE (npm run nats:credentials writes integration-keys.json)',
      );
    return this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(`SELECT gen_random_uuid() AS id`);
      const credentials = await integrationCredentials({
        signingSeed: keys.signers[role],
        accountPublicKey: keys.account,
        credentialId: id,
        name: `integration ${name}`,
        role,
      });
      const [row]: CredentialRow[] = await manager.query(
        `INSERT INTO integration_credentials (id, workspace_id, name, role, public_key, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [
          id,
          actor.workspaceId,
          name,
          role,
          credentialsClaims(credentials).sub,
          actor.agentId ?? null,
        ],
      );
      // Committed only once its consumer exists: a credential never lacks its events.
      await this.nats.jsm.consumers.add(this.streamName, {
        durable_name: id,
        filter_subject: this.nats.subject(
          workspaceEventSubject(actor.workspaceId, 'helpdesk.evt.>'),
        ),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.New,
        ack_wait: nanos(30_000),
      });
      return { ...toView(row), credentials };
    });
  }

  async list(actor: Actor): Promise<IntegrationView[]> {
    const rows: CredentialRow[] = await this.dataSource.query(
      `SELECT * FROM integration_credentials WHERE workspace_id = $1 ORDER BY created_at DESC`,
      [actor.workspaceId],
    );
    return rows.map(toView);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, count]: [unknown[], number] = await manager.query(
        `UPDATE integration_credentials SET revoked_at = coalesce(revoked_at, now())
          WHERE id = $1 AND workspace_id = $2`,
        [id, actor.workspaceId],
      );
      if (count === 0) throw new ServiceException(ErrorCode.NOT_FOUND, 'integration not found');
      // Only api-gateway may make it again, so its events stop here for good.
      await this.nats.jsm.consumers.delete(this.streamName, id).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    });
  }

  /** The credential, unless it is unknown or revoked. */
  async active(id: string): Promise<ActiveCredential | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row]: CredentialRow[] = await this.dataSource.query(
      `SELECT id, workspace_id, role FROM integration_credentials
        WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return row && { id: row.id, workspaceId: row.workspace_id, role: row.role };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
