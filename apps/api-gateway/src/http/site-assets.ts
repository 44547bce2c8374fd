/**
 * What the customer-facing pages (help center, ticket page, contact form) load: one stylesheet
 * and an icon, served by the gateway under /pages. A file, not inline style, so that the pages'
 * Content-Security-Policy needs nothing but 'self'. The tokens are the desk's (apps/web/src/app/styles.css); keep them
 * in step by hand: they are a handful of colours.
 */
export const SITE_CSS_PATH = '/pages/site.css';

export const SITE_CSS = `:root{--bg:#f6f7fb;--surface:#fff;--text:#1f2330;--muted:#555c6c;--accent:#4338ca;
--accent-text:#fff;--border:#d9dce5;--danger:#b42318;--ok:#067647;--focus:#2563eb;--radius:8px;
--font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:var(--font)}
.page{max-width:46rem;margin:0 auto;padding:1rem}
.embed .page{max-width:none;padding:.75rem}
a{color:var(--accent)}
h1{font-size:1.4rem;line-height:1.25;margin:.5rem 0;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
img{max-width:100%}
pre{overflow:auto;background:#eef0f5;padding:.6rem}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
button,input,textarea{font:inherit;color:inherit}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=email],textarea{width:100%;padding:.5rem;border:1px solid var(--border);
border-radius:var(--radius);background:var(--surface)}
textarea{min-height:8rem;resize:vertical}
input[type=file]{max-width:100%}
button{margin-top:1rem;padding:.55rem 1.1rem;border:0;border-radius:var(--radius);
background:var(--accent);color:var(--accent-text);font-weight:600;cursor:pointer}
.muted{color:var(--muted)}
.status{display:inline-block;padding:.15rem .6rem;border-radius:999px;background:var(--surface);
border:1px solid var(--border)}
.notice,.error{padding:.6rem .8rem;border-radius:var(--radius);margin:1rem 0;background:var(--surface)}
.notice{border:1px solid var(--ok);color:var(--ok)}
.error{border:1px solid var(--danger);color:var(--danger)}
.messages{list-style:none;padding:0;margin:0}
.message{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);
padding:.75rem;margin:.75rem 0}
.message.agent{border-left:4px solid var(--accent)}
.message header{display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between}
.body{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0 0}
.files{margin:.5rem 0 0;padding-left:1.2rem;overflow-wrap:anywhere}
.hp{display:none}
.kb-header{display:flex;gap:1rem;align-items:center;justify-content:space-between;flex-wrap:wrap}
.kb-search{display:flex;gap:.5rem}.kb-search input{padding:.4rem;min-width:14rem}
.kb-search button{margin:0}mark{background:#ffe9a8}.hits li{margin-bottom:1rem}
`;

/** The pages' icon (without one, browsers ask for /favicon.ico, which nothing serves). */
export const SITE_ICON_PATH = '/pages/icon.svg';

export const SITE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#4338ca"/><path d="M4 5h8v5H7l-3 2z" fill="#fff"/></svg>`;
