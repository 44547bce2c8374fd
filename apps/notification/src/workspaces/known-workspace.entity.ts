import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A workspace as notification learned it from `workspace.created`; ticket-core owns the original. */
@Entity({ name: 'workspaces' })
export class KnownWorkspace {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  slug: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
