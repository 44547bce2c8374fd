import { MARK_START, MARK_STOP } from './search-query';

/**
 * The workspace's text search configuration, read in the statement itself (no extra round trip):
 * `english` until an admin sets another language.
 */
export const WORKSPACE_CONFIG = `(SELECT coalesce(
    (SELECT language FROM kb_settings WHERE workspace_id = $1), 'english')::regconfig)`;

/**
 * An article's search document: title (A) over tags (B) over body (C), in the workspace's
 * configuration; `ts_rank_cd`'s default weights make a title match count ten times a body one.
 */
const TITLE_VECTOR = `
  setweight(to_tsvector(cfg.config, a.title), 'A') ||
  setweight(to_tsvector(cfg.config, array_to_string(a.tags, ' ')), 'B')`;
export const SEARCH_VECTOR = `${TITLE_VECTOR} ||
  setweight(to_tsvector(cfg.config, a.body_text), 'C')`;

/** Recomputes the search documents of the articles matched by `where` ($1 is the workspace). */
export function reindexSql(where: string): string {
  return `UPDATE articles a SET search_vector = ${SEARCH_VECTOR}, title_vector = ${TITLE_VECTOR}
            FROM (SELECT ${WORKSPACE_CONFIG} AS config) cfg
           WHERE a.workspace_id = $1 AND ${where}`;
}

const HEADLINE_OPTIONS =
  `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=12, ` +
  `MaxFragments=2, FragmentDelimiter=" … "`;

/** Matches ranked at most: title and tag matches first, then any. Bounds a broad query's cost. */
export const TITLE_CANDIDATES = 500;
export const BODY_CANDIDATES = 1000;

/**
 * The search statement. Parameters: $1 workspace, $2 the query's words, $3 the visibilities
 * allowed, $4 the limit, $5 a category or null, $6 true to match any word (suggestions) rather
 * than all of them (a search box), $7 how many words to search at most: the rarest ones.
 *
 * Each word of 4+ letters is first replaced by its nearest word of the workspace's vocabulary
 * (trigram distance, within pg_trgm's similarity threshold): the word itself when it is there,
 * "password" for "pasword". The matches are taken from the GIN indexes, at most
 * ${TITLE_CANDIDATES} matching in title or tags (their own index) and ${BODY_CANDIDATES}
 * anywhere, ranked, and only the best get a `ts_headline` (the costly part).
 */
export const SEARCH_SQL = `
WITH cfg AS (SELECT ${WORKSPACE_CONFIG} AS config),
fixed AS (
  SELECT n, CASE WHEN length(w.word) < 4 THEN w.word ELSE coalesce(
           (SELECT v.word FROM vocabulary v
             WHERE v.workspace_id = $1 AND v.word % w.word
             ORDER BY v.word <-> w.word LIMIT 1), w.word) END AS word
    FROM unnest($2::text[]) WITH ORDINALITY AS w(word, n)
),
words AS (
  SELECT fixed.n, fixed.word
    FROM fixed
    LEFT JOIN vocabulary v ON v.workspace_id = $1 AND v.word = fixed.word
   -- The rarest known words first; a word no article has matches nothing, so it comes last.
   ORDER BY v.saves IS NULL, v.saves, fixed.n
   LIMIT $7
),
parts AS (
  SELECT plainto_tsquery(cfg.config, words.word)::text AS part, n
    FROM words, cfg
   WHERE numnode(plainto_tsquery(cfg.config, words.word)) > 0
),
q AS (
  SELECT (SELECT string_agg(word, ' ' ORDER BY n) FROM fixed) AS searched,
         string_agg('(' || part || ')', CASE WHEN $6::boolean THEN ' | ' ELSE ' & ' END
                    ORDER BY n) AS text
    FROM parts
),
query AS (SELECT searched, coalesce(text, '')::tsquery AS tsq FROM q),
candidates AS (
  (SELECT a.id FROM articles a, query
    WHERE a.workspace_id = $1 AND a.status = 'published' AND a.visibility = ANY($3::text[])
      AND ($5::uuid IS NULL OR a.category_id = $5::uuid)
      AND a.title_vector @@ query.tsq
    LIMIT ${TITLE_CANDIDATES})
  UNION
  (SELECT a.id FROM articles a, query
    WHERE a.workspace_id = $1 AND a.status = 'published' AND a.visibility = ANY($3::text[])
      AND ($5::uuid IS NULL OR a.category_id = $5::uuid)
      AND a.search_vector @@ query.tsq
    LIMIT ${BODY_CANDIDATES})
),
best AS (
  SELECT a.id, a.title, a.slug, a.category_id, a.visibility, a.body_text,
         ts_rank_cd(a.search_vector, query.tsq) AS rank
    FROM candidates JOIN articles a USING (id), query
   ORDER BY rank DESC, a.id
   LIMIT $4
)
SELECT best.id, best.title, best.slug, best.category_id, best.visibility, best.rank,
       ts_headline(cfg.config, best.body_text, query.tsq, '${HEADLINE_OPTIONS}') AS headline,
       query.searched
  FROM best, query, cfg
 ORDER BY best.rank DESC, best.id`;

export interface SearchRow {
  id: string;
  title: string;
  slug: string;
  category_id: string | null;
  visibility: 'public' | 'internal';
  rank: number;
  headline: string;
  searched: string;
}
