import { useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { formatTime } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { KbArticleEditor } from './KbArticleEditor';
import { slugify, type KbCategory } from './kb';
import { LoadState } from './LoadState';
import { useLoad } from './use-load';

type KbStatus = ApiSchema<'KbArticleSummaryV1'>['status'];

/** The knowledge base: categories, the articles with their status, and the article editor. */
export function KnowledgeBaseAdmin() {
  const { session } = useDesk();
  const [categories, reloadCategories] = useLoad(() =>
    session.call((api) => api.GET('/api/v1/kb/categories')),
  );
  const [editing, setEditing] = useState<string | 'new'>();
  if (categories.state !== 'ready')
    return <LoadState loaded={categories} what="categories" retry={reloadCategories} />;
  if (editing)
    return (
      <KbArticleEditor
        articleId={editing === 'new' ? undefined : editing}
        categories={categories.data.items}
        onCreated={setEditing}
        onClose={() => setEditing(undefined)}
      />
    );
  return (
    <div className="admin-stack">
      <ArticleList categories={categories.data.items} onOpen={setEditing} />
      <Categories categories={categories.data.items} onChanged={reloadCategories} />
      <SearchLanguage />
    </div>
  );
}

function ArticleList(props: { categories: KbCategory[]; onOpen(id: string | 'new'): void }) {
  const { session } = useDesk();
  const [status, setStatus] = useState<KbStatus | ''>('');
  const [search, setSearch] = useState('');
  const [articles, reload] = useLoad(
    () =>
      session.call((api) =>
        api.GET('/api/v1/kb/articles', {
          params: { query: { limit: 200, ...(status ? { status } : {}) } },
        }),
      ),
    [status],
  );
  const words = search.trim().toLowerCase();
  const shown =
    articles.state === 'ready'
      ? articles.data.items.filter(
          (article) =>
            !words ||
            article.title.toLowerCase().includes(words) ||
            article.slug.includes(words) ||
            article.tags.some((tag) => tag.toLowerCase().includes(words)),
        )
      : [];
  const categoryName = (id: string | null) =>
    props.categories.find((category) => category.id === id)?.name ?? '—';
  return (
    <section className="card" aria-labelledby="kb-articles">
      <div className="card-head">
        <h2 id="kb-articles">Articles</h2>
        <button type="button" className="primary" onClick={() => props.onOpen('new')}>
          New article
        </button>
      </div>
      <div className="button-row kb-filters">
        <label>
          Search articles
          <input
            type="search"
            value={search}
            placeholder="Title, slug or tag"
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.target.value as KbStatus)}>
            <option value="">Any</option>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="archived">Archived</option>
          </select>
        </label>
      </div>
      <LoadState loaded={articles} what="articles" retry={reload} />
      {articles.state === 'ready' && shown.length === 0 && (
        <p className="empty">
          {articles.data.items.length === 0 && !status
            ? 'No articles yet: write the first one.'
            : 'No article matches.'}
        </p>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((article) => (
                <tr key={article.id}>
                  <td>
                    <button type="button" className="link" onClick={() => props.onOpen(article.id)}>
                      {article.title}
                    </button>{' '}
                    {article.visibility === 'internal' && <span className="badge">internal</span>}
                  </td>
                  <td>{categoryName(article.categoryId)}</td>
                  <td>
                    <span className={`badge kb-${article.status}`} data-testid="article-status">
                      {article.status}
                    </span>
                  </td>
                  <td>{formatTime(article.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Categories(props: { categories: KbCategory[]; onChanged(): void }) {
  const { session } = useDesk();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  return (
    <section className="card" aria-labelledby="kb-categories">
      <h2 id="kb-categories">Categories</h2>
      {props.categories.length === 0 && <p className="empty">No categories yet.</p>}
      <ul className="list">
        {props.categories.map((category) => (
          <li key={category.id} className="row">
            {renaming?.id === category.id ? (
              <form
                className="button-row"
                aria-label={`Rename ${category.name}`}
                onSubmit={(event) => {
                  event.preventDefault();
                  session
                    .call((api) =>
                      api.PATCH('/api/v1/kb/categories/{id}', {
                        params: { path: { id: category.id } },
                        body: { name: renaming.name },
                      }),
                    )
                    .then(() => {
                      setRenaming(undefined);
                      props.onChanged();
                    })
                    .catch((error: unknown) => toasts.error(error));
                }}
              >
                <input
                  aria-label="New name"
                  required
                  autoFocus
                  value={renaming.name}
                  onChange={(event) => setRenaming({ id: category.id, name: event.target.value })}
                />
                <button type="submit" className="primary">
                  Save
                </button>
                <button type="button" onClick={() => setRenaming(undefined)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <strong>{category.name}</strong> <span className="muted">/{category.slug}</span>
                <button
                  type="button"
                  aria-label={`Rename ${category.name}`}
                  onClick={() => setRenaming({ id: category.id, name: category.name })}
                >
                  Rename
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        className="button-row new-category"
        aria-label="New category"
        onSubmit={(event) => {
          event.preventDefault();
          session
            .call((api) =>
              api.POST('/api/v1/kb/categories', {
                body: { name, slug: slugify(name) || 'category' },
              }),
            )
            .then(() => {
              setName('');
              toasts.info('Category created.');
              props.onChanged();
            })
            .catch((error: unknown) => toasts.error(error));
        }}
      >
        <label>
          New category
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit">Create</button>
      </form>
    </section>
  );
}

type KbLanguage = ApiSchema<'KbSettingsV1'>['language'];
const LANGUAGES: KbLanguage[] = [
  'english',
  'german',
  'french',
  'spanish',
  'italian',
  'portuguese',
  'dutch',
  'simple',
];

/** The language articles are indexed and searched in (stemming, stop words). */
function SearchLanguage() {
  const { session } = useDesk();
  const toasts = useToasts();
  const [settings, reload, set] = useLoad(() =>
    session.call((api) => api.GET('/api/v1/kb/settings')),
  );
  return (
    <section className="card" aria-labelledby="kb-language">
      <h2 id="kb-language">Search language</h2>
      <LoadState loaded={settings} what="search settings" retry={reload} />
      {settings.state === 'ready' && (
        <label className="kb-language">
          Articles are searched as
          <select
            value={settings.data.language}
            onChange={(event) =>
              void session
                .call((api) =>
                  api.PUT('/api/v1/kb/settings', {
                    body: { language: event.target.value as KbLanguage },
                  }),
                )
                .then(
                  (saved) => {
                    set(saved);
                    toasts.info('Search language saved; the articles are indexed again.');
                  },
                  (error: unknown) => toasts.error(error),
                )
            }
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'simple'
                  ? 'Any language (no stemming)'
                  : language[0].toUpperCase() + language.slice(1)}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
