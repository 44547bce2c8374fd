import { useState } from 'react';

/**
 * A message's HTML, already sanitized by ticket-core, shown inside a sandboxed frame: `srcdoc`,
 * no `allow-scripts` (nothing in it can run, whatever got through), and the page's CSP, which
 * the frame inherits, forbids scripts and remote images too. `allow-same-origin` only lets the
 * desk read the frame's height.
 */
export function MessageHtml(props: { html: string; title: string }) {
  const [height, setHeight] = useState(80);
  const document = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1f2330;overflow-wrap:anywhere}img{max-width:100%}</style></head><body>${props.html}</body></html>`;
  return (
    <iframe
      className="message-html"
      title={props.title}
      sandbox="allow-same-origin"
      srcDoc={document}
      style={{ height }}
      onLoad={(event) => {
        const body = event.currentTarget.contentDocument?.body;
        if (body) setHeight(Math.min(1200, Math.max(40, body.scrollHeight + 8)));
      }}
    />
  );
}
