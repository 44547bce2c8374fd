/**
 * Splits a reply's new text from the quoted history below it, as Gmail, Apple Mail and Outlook
 * write it. Both halves are kept: the new text is the message, the history goes beside it.
 */

/** Lines that start the quoted history, tried on each line from the top. */
const TEXT_MARKERS: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 7 Dec 2026 at 10:00, Ann <ann@x> wrote:" (may wrap).
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i,
  // Outlook desktop and classic clients.
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  // Outlook on the web: a rule, then the From:/Sent: block.
  /^\s*_{20,}\s*$/,
  // A header block: "From: …" followed within two lines by "Sent:" or "Date:".
];

export interface SplitText {
  text: string;
  quoted?: string;
}

export function splitQuotedText(body: string): SplitText {
  const lines = body.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    // Gmail wraps "On … wrote:" over two lines when it is long.
    const joined = index + 1 < lines.length ? `${line} ${lines[index + 1]}` : line;
    const marker =
      TEXT_MARKERS.some((pattern) => pattern.test(line)) ||
      (/^\s*On\b/i.test(line) && /\bwrote:\s*$/i.test(joined) && !/\bwrote:/i.test(line)) ||
      (/^\s*\*?From:\*?\s/i.test(line) &&
        lines.slice(index + 1, index + 4).some((next) => /^\s*\*?(Sent|Date):\*?\s/i.test(next)));
    if (marker && index > 0) return cut(lines, index);
    // A block of "> " lines that runs to the end (bottom-posting keeps its own text apart).
    if (
      /^\s*>/.test(line) &&
      index > 0 &&
      lines.slice(index).every((rest) => /^\s*(>|$)/.test(rest))
    ) {
      return cut(lines, index);
    }
  }
  return { text: body.trim() };
}

function cut(lines: string[], index: number): SplitText {
  const text = lines.slice(0, index).join('\n').trim();
  const quoted = lines.slice(index).join('\n').trim();
  // A mail that is only a quote (a forward with nothing added) keeps the quote as its text.
  if (!text) return { text: quoted };
  return { text, quoted };
}

/** Where the quoted history starts in a reply's HTML, for the clients that mark it. */
const HTML_MARKERS: RegExp[] = [
  /<div[^>]*class="?[^">]*\bgmail_quote\b/i,
  /<blockquote[^>]*type="?cite/i,
  /<div[^>]*id="?(divRplyFwdMsg|appendonsend)\b/i,
  /<div[^>]*style="[^"]*border-top:\s*solid #[0-9a-f]{6} 1\.0pt/i,
];

/** The HTML without its quoted history (ticket-core's sanitizer closes what the cut leaves open). */
export function stripQuotedHtml(html: string): string {
  let cutAt = html.length;
  for (const marker of HTML_MARKERS) {
    const found = marker.exec(html);
    if (found && found.index < cutAt) cutAt = found.index;
  }
  const kept = html.slice(0, cutAt);
  // Nothing but markup before the quote: keep the whole, rather than an empty message.
  return kept.replace(/<[^>]*>|&nbsp;|\s/g, '') ? kept : html;
}
