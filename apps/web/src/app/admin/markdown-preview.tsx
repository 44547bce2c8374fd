import type { ReactNode } from 'react';

/*
 * A live preview of an article's Markdown, built from React elements and text nodes only: no
 * HTML string is ever parsed, so markup in the Markdown shows as the text it is. It covers what
 * articles commonly use (headings, paragraphs, lists, quotes, code, emphasis, links); the page as
 * readers get it is the server's rendering, shown after saving.
 */

const INLINE =
  /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

function inline(text: string, key = 0): ReactNode[] {
  const nodes: ReactNode[] = [];
  let rest = text;
  let index = key;
  for (let match = INLINE.exec(rest); match; match = INLINE.exec(rest)) {
    if (match.index > 0) nodes.push(rest.slice(0, match.index));
    const [token, code, strong, emphasis] = match;
    if (code) nodes.push(<code key={index++}>{token.slice(1, -1)}</code>);
    else if (strong)
      nodes.push(<strong key={index++}>{inline(token.slice(2, -2), index++)}</strong>);
    else if (emphasis) nodes.push(<em key={index++}>{inline(token.slice(1, -1), index++)}</em>);
    else {
      const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)!;
      nodes.push(
        /^https?:\/\//i.test(href) ? (
          <a key={index++} href={href} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          <span key={index++}>{label}</span>
        ),
      );
    }
    rest = rest.slice(match.index + token.length);
  }
  if (rest) nodes.push(rest);
  return nodes;
}

export function MarkdownPreview(props: { markdown: string }) {
  const lines = props.markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ReactNode[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at];
    const key = blocks.length;
    if (!line.trim()) {
      at++;
    } else if (line.startsWith('```')) {
      const code: string[] = [];
      for (at++; at < lines.length && !lines[at].startsWith('```'); at++) code.push(lines[at]);
      at++;
      blocks.push(
        <pre key={key}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
    } else if (/^#{1,6}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      const Heading = `h${Math.min(level + 1, 6)}` as 'h2';
      blocks.push(<Heading key={key}>{inline(line.replace(/^#+\s+/, ''))}</Heading>);
      at++;
    } else if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      blocks.push(<hr key={key} />);
      at++;
    } else if (/^\s*([-*+]|\d+[.)])\s/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      for (; at < lines.length && /^\s*([-*+]|\d+[.)])\s/.test(lines[at]); at++)
        items.push(lines[at].replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
      const List = ordered ? 'ol' : 'ul';
      blocks.push(
        <List key={key}>
          {items.map((item, index) => (
            <li key={index}>{inline(item)}</li>
          ))}
        </List>,
      );
    } else if (line.startsWith('>')) {
      const quoted: string[] = [];
      for (; at < lines.length && lines[at].startsWith('>'); at++)
        quoted.push(lines[at].replace(/^>\s?/, ''));
      blocks.push(<blockquote key={key}>{inline(quoted.join(' '))}</blockquote>);
    } else {
      const paragraph: string[] = [];
      for (
        ;
        at < lines.length &&
        lines[at].trim() &&
        !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s)/.test(lines[at]);
        at++
      )
        paragraph.push(lines[at].trim());
      blocks.push(<p key={key}>{inline(paragraph.join(' '))}</p>);
    }
  }
  return blocks.length ? <>{blocks}</> : <p className="empty">Nothing written yet.</p>;
}
