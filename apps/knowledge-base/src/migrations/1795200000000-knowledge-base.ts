import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories (a tree), articles with their search document, every save as a revision, the
 * workspace's search language, and the vocabulary the typo correction picks words from.
 */
export class KnowledgeBase1795200000000 implements MigrationInterface {
  name = 'KnowledgeBase1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm is database-wide (and trusted since PostgreSQL 13); in public, so every schema
    // that has public on its search_path sees its operators.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(`
      CREATE TABLE kb_settings (
        workspace_id uuid PRIMARY KEY,
        language text NOT NULL DEFAULT 'english',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        parent_id uuid REFERENCES categories (id) ON DELETE RESTRICT,
        name text NOT NULL,
        slug text NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, slug)
      )`);
    await queryRunner.query(`CREATE INDEX categories_parent ON categories (parent_id)`);
    await queryRunner.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        category_id uuid REFERENCES categories (id) ON DELETE RESTRICT,
        title text NOT NULL,
        slug text NOT NULL,
        body_markdown text NOT NULL,
        body_html text NOT NULL,
        body_text text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
        visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
        locale text NOT NULL DEFAULT 'en',
        version integer NOT NULL DEFAULT 1,
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        title_vector tsvector NOT NULL DEFAULT ''::tsvector,
        published_at timestamptz,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, slug)
      )`);
    await queryRunner.query(`CREATE INDEX articles_search ON articles USING gin (search_vector)`);
    // Title and tags alone, so that their matches are found first however broad the query.
    await queryRunner.query(`CREATE INDEX articles_titles ON articles USING gin (title_vector)`);
    await queryRunner.query(
      `CREATE INDEX articles_listing ON articles (workspace_id, category_id, updated_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE article_revisions (
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        version integer NOT NULL,
        workspace_id uuid NOT NULL,
        title text NOT NULL,
        slug text NOT NULL,
        body_markdown text NOT NULL,
        category_id uuid,
        tags text[] NOT NULL,
        visibility text NOT NULL,
        locale text NOT NULL,
        saved_by uuid,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, version)
      )`);
    // The words of the workspace's articles: a misspelt query word is replaced by its nearest
    // one here (trigram distance), so "pasword" searches for "password". `saves` counts the
    // saves that contained the word: a rough rarity, so suggestions search the telling words.
    await queryRunner.query(`
      CREATE TABLE vocabulary (
        workspace_id uuid NOT NULL,
        word text NOT NULL,
        saves integer NOT NULL DEFAULT 1,
        PRIMARY KEY (workspace_id, word)
      )`);
    await queryRunner.query(
      `CREATE INDEX vocabulary_trigrams ON vocabulary USING gist (word gist_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vocabulary`);
    await queryRunner.query(`DROP TABLE article_revisions`);
    await queryRunner.query(`DROP TABLE articles`);
    await queryRunner.query(`DROP TABLE categories`);
    await queryRunner.query(`DROP TABLE kb_settings`);
  }
}
