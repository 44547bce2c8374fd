import { Actor } from '@switchboard/contracts';
import { KnowledgeBaseConfig } from '../config';
import { KbException } from './kb.exception';

/**
 * Who may do what. Editors (configured roles, and the system) write and see drafts; other agents
 * read published articles, internal ones included; a customer reads published public ones.
 */
export class KbAccess {
  private readonly editorRoles: Set<string>;

  constructor(config: Pick<KnowledgeBaseConfig, 'KB_EDITOR_ROLES'>) {
    this.editorRoles = new Set(config.KB_EDITOR_ROLES.split(','));
  }

  /**
   * An API token acts as the system limited to its role, so a role decides whenever there is
   * one; the system without a role (the services themselves, the seed) edits.
   */
  isEditor(actor: Actor): boolean {
    if (actor.kind === 'customer') return false;
    if (actor.role === undefined) return actor.kind === 'system';
    return this.editorRoles.has(actor.role);
  }

  /** The workspace's knowledge-base settings: admins (and the system without a role). */
  isAdmin(actor: Actor): boolean {
    if (actor.kind === 'customer') return false;
    return actor.role === undefined ? actor.kind === 'system' : actor.role === 'admin';
  }

  requireEditor(actor: Actor): void {
    if (!this.isEditor(actor))
      throw KbException.forbidden('only editors change the knowledge base');
  }

  /** Agents and the system read internal articles; customers only public ones. */
  visibilities(actor: Actor): ('public' | 'internal')[] {
    return actor.kind === 'customer' ? ['public'] : ['public', 'internal'];
  }
}
