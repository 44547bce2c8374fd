import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { KbAccess } from '../core/access';
import { KbException, isUniqueViolation } from '../core/kb.exception';

interface CategoryRow {
  id: string;
  workspace_id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  created_at: Date;
  updated_at: Date;
}

export function categoryToWire(row: CategoryRow): c.KbCategoryV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    parentId: row.parent_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: row.position,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The category tree of a workspace: each category has at most one parent, and no cycles. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: KbAccess,
  ) {}

  async list(workspaceId: string): Promise<c.KbCategoryListV1> {
    const rows: CategoryRow[] = await this.dataSource.query(
      `SELECT * FROM categories WHERE workspace_id = $1 ORDER BY position, name`,
      [workspaceId],
    );
    return { items: rows.map(categoryToWire) };
  }

  async create(command: c.CreateKbCategoryV1): Promise<c.KbCategoryV1> {
    this.access.requireEditor(command.actor);
    const workspaceId = command.actor.workspaceId;
    if (command.parentId) await this.requireCategory(workspaceId, command.parentId);
    return this.write(() =>
      this.dataSource.query(
        `INSERT INTO categories (workspace_id, parent_id, name, slug, description, position)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [
          workspaceId,
          command.parentId ?? null,
          command.name,
          command.slug,
          command.description ?? '',
          command.position ?? 0,
        ],
      ),
    );
  }

  async update(command: c.UpdateKbCategoryV1): Promise<c.KbCategoryV1> {
    this.access.requireEditor(command.actor);
    const workspaceId = command.actor.workspaceId;
    const current = await this.requireCategory(workspaceId, command.categoryId);
    if (command.parentId) {
      await this.requireCategory(workspaceId, command.parentId);
      // Moving a category under itself or one of its descendants would cut it off the tree.
      const [{ cycle }] = await this.dataSource.query(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id FROM categories WHERE id = $1
           UNION SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id)
         SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS cycle`,
        [command.parentId, command.categoryId],
      );
      if (cycle) throw KbException.invalid('parentId', 'a category cannot move under itself');
    }
    return this.write(() =>
      this.dataSource.query(
        `UPDATE categories SET parent_id = $3, name = $4, slug = $5, description = $6,
                position = $7, updated_at = now()
          WHERE workspace_id = $1 AND id = $2 RETURNING *`,
        [
          workspaceId,
          command.categoryId,
          command.parentId === undefined ? current.parent_id : command.parentId,
          command.name ?? current.name,
          command.slug ?? current.slug,
          command.description ?? current.description,
          command.position ?? current.position,
        ],
      ),
    );
  }

  async delete(command: c.DeleteKbCategoryV1): Promise<{ deleted: true }> {
    this.access.requireEditor(command.actor);
    await this.requireCategory(command.actor.workspaceId, command.categoryId);
    const [{ used }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM categories WHERE parent_id = $1)
           OR EXISTS (SELECT 1 FROM articles WHERE category_id = $1) AS used`,
      [command.categoryId],
    );
    if (used) throw KbException.conflict('the category still holds categories or articles');
    await this.dataSource.query(`DELETE FROM categories WHERE workspace_id = $1 AND id = $2`, [
      command.actor.workspaceId,
      command.categoryId,
    ]);
    return { deleted: true };
  }

  async requireCategory(workspaceId: string, id: string): Promise<CategoryRow> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM categories WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    )) as CategoryRow[];
    if (!row) throw KbException.notFound('category');
    return row;
  }

  private async write(run: () => Promise<unknown>): Promise<c.KbCategoryV1> {
    try {
      const result = (await run()) as CategoryRow[] | [CategoryRow[], number];
      // INSERT … RETURNING answers the rows; UPDATE … RETURNING the rows and the count.
      const rows = Array.isArray(result[0])
        ? (result[0] as CategoryRow[])
        : (result as CategoryRow[]);
      return categoryToWire(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error)) throw KbException.conflict('the slug is taken');
      throw error;
    }
  }
}
