import { useEffect, useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { useDesk } from '../session/session-context';

type Hit = ApiSchema<'KbSearchHitV1'>;

/**
 * Knowledge-base articles that may answer the ticket (knowledge-base reads its subject and last
 * messages): insert a passage into the reply, or the link to the public article.
 */
export function Suggestions(props: { ticketId: string; onInsert(text: string): void }) {
  const { session } = useDesk();
  const [hits, setHits] = useState<Hit[]>();
  useEffect(() => {
    let current = true;
    session
      .call((api) =>
        api.GET('/api/v1/kb/suggestions/{ticketId}', {
          params: { path: { ticketId: props.ticketId } },
        }),
      )
      .then((result) => current && setHits(result.items.slice(0, 3)))
      // No knowledge base running, or nothing to suggest: the composer works without it.
      .catch(() => current && setHits([]));
    return () => {
      current = false;
    };
  }, [session, props.ticketId]);
  if (!hits || hits.length === 0) return null;
  return (
    <details className="suggestions">
      <summary>Suggested articles ({hits.length})</summary>
      <ul>
        {hits.map((hit) => {
          const passage = headlineText(hit.headline);
          return (
            <li key={hit.articleId}>
              <strong>{hit.title}</strong>
              <p className="muted">{passage}</p>
              <button type="button" onClick={() => props.onInsert(passage)}>
                Insert passage
              </button>
              {hit.publicUrl && (
                <button
                  type="button"
                  onClick={() => props.onInsert(`${hit.title}: ${hit.publicUrl}`)}
                >
                  Insert link
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/**
 * A headline's text: knowledge-base escapes the passage and marks matches with `<mark>`; the
 * parser only reads it (an inert document runs nothing), and the desk shows plain text.
 */
export function headlineText(headline: string): string {
  const document = new DOMParser().parseFromString(headline, 'text/html');
  return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
