import { useEffect, useRef, useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { Dialog } from '../components/Dialog';
import { formatTime } from '../components/format';
import { MessageHtml } from '../components/MessageHtml';
import { contained } from './contained';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { slugify, type KbCategory } from './kb';
import { LoadState } from './LoadState';
import { MarkdownPreview } from './markdown-preview';
import { useLoad } from './use-load';

type Article = ApiSchema<'KbArticleV1'>;
type Diff = ApiSchema<'KbRevisionDiffV1'>;

interface Draft {
  title: string;
  slug: string;
  categoryId: string;
  visibility: Article['visibility'];
  tags: string;
  bodyMarkdown: string;
}

const EMPTY: Draft = {
  title: '',
  slug: '',
  categoryId: '',
  visibility: 'public',
  tags: '',
  bodyMarkdown: '',
};

const draftOf = (article: Article): Draft => ({
  title: article.title,
  slug: article.slug,
  categoryId: article.categoryId ?? '',
  visibility: article.visibility,
  tags: article.tags.join(', '),
  bodyMarkdown: article.bodyMarkdown,
});

/** One article: its fields and Markdown with a live preview, status changes, revisions. */
export function KbArticleEditor(props: {
  articleId: string | undefined;
  categories: KbCategory[];
  onCreated(id: string): void;
  onClose(): void;
}) {
  const { session } = useDesk();
  const [loaded, reload, set] = useLoad<Article | undefined>(
    async () =>
      props.articleId
        ? session.call((api) =>
            api.GET('/api/v1/kb/articles/{id}', { params: { path: { id: props.articleId! } } }),
          )
        : undefined,
    [props.articleId],
  );
  return (
    <div className="admin-stack">
      {loaded.state !== 'ready' && (
        <div>
          <BackButton onClose={props.onClose} />
        </div>
      )}
      <LoadState loaded={loaded} what="article" retry={reload} />
      {loaded.state === 'ready' && (
        <ArticleForm
          key={loaded.data?.id ?? 'new'}
          article={loaded.data}
          categories={props.categories}
          onSaved={(article) => (props.articleId ? set(article) : props.onCreated(article.id))}
          onClose={props.onClose}
        />
      )}
    </div>
  );
}

function ArticleForm(props: {
  article: Article | undefined;
  categories: KbCategory[];
  onSaved(article: Article): void;
  onClose(): void;
}) {
  const { session } = useDesk();
  const toasts = useToasts();
  const { article } = props;
  const [draft, setDraft] = useState<Draft>(article ? draftOf(article) : EMPTY);
  const [slugTouched, setSlugTouched] = useState(Boolean(article));
  const [busy, setBusy] = useState(false);
  const [revisionsVersion, setRevisionsVersion] = useState(0);
  useEffect(() => {
    if (article) setDraft(draftOf(article));
  }, [article]);
  const change = (fields: Partial<Draft>) => setDraft((value) => ({ ...value, ...fields }));

  const run = async (action: () => Promise<Article>, done: string) => {
    setBusy(true);
    try {
      const saved = await action();
      props.onSaved(saved);
      setRevisionsVersion((value) => value + 1);
      toasts.info(done);
    } catch (error) {
      toasts.error(error);
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const fields = {
      title: draft.title,
      slug: draft.slug,
      bodyMarkdown: draft.bodyMarkdown,
      categoryId: draft.categoryId || null,
      visibility: draft.visibility,
      tags: draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    return run(
      () =>
        article
          ? session.call((api) =>
              api.PATCH('/api/v1/kb/articles/{id}', {
                params: { path: { id: article.id } },
                body: { ...fields, expectedVersion: article.version },
              }),
            )
          : session.call((api) => api.POST('/api/v1/kb/articles', { body: fields })),
      article ? 'Article saved.' : 'Draft created.',
    );
  };

  const transition = (to: 'publish' | 'unpublish' | 'archive', done: string) =>
    run(() => {
      const path = { params: { path: { id: article!.id } } };
      return session.call((api) =>
        to === 'publish'
          ? api.POST('/api/v1/kb/articles/{id}/publish', path)
          : to === 'unpublish'
            ? api.POST('/api/v1/kb/articles/{id}/unpublish', path)
            : api.POST('/api/v1/kb/articles/{id}/archive', path),
      );
    }, done);

  const unsaved = JSON.stringify(draft) !== JSON.stringify(article ? draftOf(article) : EMPTY);

  return (
    <>
      <div>
        <BackButton onClose={props.onClose} unsaved={unsaved} />
      </div>
      <form
        className="card"
        aria-label={article ? `Edit article ${article.title}` : 'New article'}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="card-head">
          <h2>{article ? 'Edit article' : 'New article'}</h2>
          {article && (
            <span className={`badge kb-${article.status}`} data-testid="editor-status">
              {article.status}
            </span>
          )}
          {article && <span className="muted">version {article.version}</span>}
        </div>
        <div className="field-grid">
          <label>
            Title
            <input
              required
              maxLength={300}
              value={draft.title}
              onChange={(event) =>
                change({
                  title: event.target.value,
                  ...(slugTouched ? {} : { slug: slugify(event.target.value) }),
                })
              }
            />
          </label>
          <label>
            Slug
            <input
              required
              pattern="[a-z0-9](?:[a-z0-9\-]{0,118}[a-z0-9])?"
              title="Lowercase letters, digits and inner dashes"
              value={draft.slug}
              onChange={(event) => {
                setSlugTouched(true);
                change({ slug: event.target.value });
              }}
            />
          </label>
          <label>
            Category
            <select
              value={draft.categoryId}
              onChange={(event) => change({ categoryId: event.target.value })}
            >
              <option value="">(none)</option>
              {props.categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Visibility
            <select
              value={draft.visibility}
              onChange={(event) =>
                change({ visibility: event.target.value as Draft['visibility'] })
              }
            >
              <option value="public">Public (help center)</option>
              <option value="internal">Internal (agents only)</option>
            </select>
          </label>
          <label>
            Tags, separated by commas
            <input value={draft.tags} onChange={(event) => change({ tags: event.target.value })} />
          </label>
        </div>
        <div className="editor-split">
          <label>
            Body (Markdown)
            <textarea
              rows={16}
              className="mono"
              value={draft.bodyMarkdown}
              onChange={(event) => change({ bodyMarkdown: event.target.value })}
            />
          </label>
          <section className="md-preview" aria-label="Live preview" data-testid="live-preview">
            <h3 className="preview-title">{draft.title || 'Untitled'}</h3>
            <MarkdownPreview markdown={draft.bodyMarkdown} />
          </section>
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {article ? 'Save' : 'Create draft'}
          </button>
          {article && article.status !== 'published' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void transition('publish', 'Published.')}
            >
              Publish
            </button>
          )}
          {article?.status === 'published' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void transition('unpublish', 'Back to a draft.')}
            >
              Unpublish
            </button>
          )}
          {article && article.status !== 'archived' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void transition('archive', 'Archived.')}
            >
              Archive
            </button>
          )}
        </div>
      </form>
      {article && (
        <section className="card" aria-labelledby="kb-saved">
          <h2 id="kb-saved">As readers see it (last save)</h2>
          <div className="frame-box">
            <MessageHtml
              html={contained(article.bodyHtml)}
              title="The saved article as readers see it"
            />
          </div>
        </section>
      )}
      {article && (
        <Revisions
          article={article}
          version={revisionsVersion}
          onRestored={(restored) => {
            props.onSaved(restored);
            setRevisionsVersion((value) => value + 1);
          }}
        />
      )}
    </>
  );
}

/** Back to the list; with unsaved changes, only once the editor agrees to drop them. */
function BackButton(props: { onClose(): void; unsaved?: boolean }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" onClick={() => (props.unsaved ? setAsking(true) : props.onClose())}>
        ← All articles
      </button>
      {asking && (
        <Dialog
          title="Leave without saving?"
          submitLabel="Discard the changes"
          onClose={() => setAsking(false)}
          onSubmit={props.onClose}
        >
          <p>The changes to this article since it was last saved will be lost.</p>
        </Dialog>
      )}
    </>
  );
}

function Revisions(props: {
  article: Article;
  version: number;
  onRestored(article: Article): void;
}) {
  const { session, agents } = useDesk();
  const toasts = useToasts();
  const { article } = props;
  const [diff, setDiff] = useState<Diff>();
  const diffRef = useRef<HTMLDivElement>(null);
  // A comparison opened is brought into view and focused, for the keyboard and the screen reader.
  useEffect(() => {
    if (!diff) return;
    diffRef.current?.scrollIntoView({ block: 'nearest' });
    diffRef.current?.focus();
  }, [diff]);
  const [revisions, reload] = useLoad(
    () =>
      session.call((api) =>
        api.GET('/api/v1/kb/articles/{id}/revisions', { params: { path: { id: article.id } } }),
      ),
    [article.id, props.version],
  );
  const who = (id: string | null) => agents.find((agent) => agent.id === id)?.name ?? 'someone';
  return (
    <section className="card" aria-labelledby="kb-revisions">
      <h2 id="kb-revisions">Revisions</h2>
      <LoadState loaded={revisions} what="revisions" retry={reload} />
      {revisions.state === 'ready' && revisions.data.items.length === 0 && (
        <p className="empty">No revisions.</p>
      )}
      {revisions.state === 'ready' && (
        <ol className="list revisions" reversed>
          {[...revisions.data.items]
            .sort((a, b) => b.version - a.version)
            .map((revision) => (
              <li key={revision.version} className="row" data-testid="revision">
                <span>
                  <strong>Version {revision.version}</strong>: {revision.title}{' '}
                  <span className="muted">
                    {who(revision.savedBy)}, {formatTime(revision.savedAt)}
                  </span>{' '}
                  {revision.version === article.version && <span className="badge">current</span>}
                </span>
                {revision.version !== article.version && (
                  <span className="button-row">
                    <button
                      type="button"
                      aria-label={`Compare version ${revision.version} with the current one`}
                      onClick={() =>
                        void session
                          .call((api) =>
                            api.GET('/api/v1/kb/articles/{id}/compare', {
                              params: {
                                path: { id: article.id },
                                query: { from: revision.version, to: article.version },
                              },
                            }),
                          )
                          .then(setDiff, (error: unknown) => toasts.error(error))
                      }
                    >
                      Compare
                    </button>
                    <button
                      type="button"
                      aria-label={`Restore version ${revision.version}`}
                      onClick={() =>
                        void session
                          .call((api) =>
                            api.POST(
                              '/api/v1/kb/articles/{articleId}/revisions/{version}/restore',
                              {
                                params: {
                                  path: { articleId: article.id, version: revision.version },
                                },
                              },
                            ),
                          )
                          .then(
                            (restored) => {
                              setDiff(undefined);
                              toasts.info(`Version ${revision.version} restored.`);
                              props.onRestored(restored);
                            },
                            (error: unknown) => toasts.error(error),
                          )
                      }
                    >
                      Restore
                    </button>
                  </span>
                )}
              </li>
            ))}
        </ol>
      )}
      {diff && (
        <div
          ref={diffRef}
          tabIndex={-1}
          className="diff"
          aria-label={`Changes from version ${diff.from} to ${diff.to}`}
          role="region"
        >
          <div className="card-head">
            <h3>
              Version {diff.from} → {diff.to}
            </h3>
            <button type="button" onClick={() => setDiff(undefined)}>
              Close the comparison
            </button>
          </div>
          {diff.titleFrom !== diff.titleTo && (
            <p>
              Title: <del>{diff.titleFrom}</del> → <ins>{diff.titleTo}</ins>
            </p>
          )}
          <pre>
            {diff.lines.map((line, index) => (
              <span key={index} className={`diff-${line.op}`}>
                {line.op === 'add' ? '+ ' : line.op === 'remove' ? '- ' : '  '}
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </div>
      )}
    </section>
  );
}
