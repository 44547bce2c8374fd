import sanitizeHtml from 'sanitize-html';

/**
 * Message HTML that went through `sanitizeMessageHtml`: the only HTML ticket-core stores, serves
 * (agent desk, the customer's public page) and carries in events. The brand makes a writer that
 * skips sanitizing fail to compile.
 */
export type SanitizedHtml = string & { readonly __brand: 'SanitizedHtml' };

/** Link targets: the web and mail addresses. */
const LINK_SCHEMES = ['http', 'https', 'mailto'];
/** Image sources: the web, and `cid:` for a mail's inline images (parts of the same mail). */
const IMAGE_SCHEMES = ['http', 'https', 'cid'];

/**
 * What a message may keep of its HTML: what mail clients produce for text (inline formatting,
 * paragraphs, headings, lists, quotes, code, tables), links and images.
 *
 * - Other elements are dropped, keeping their text: `html`, `body`, `font`, `center`, unknown tags.
 * - Whole subtrees are dropped, text included, for elements that hold code, another document, or
 *   markup that is not HTML: scripts, styles, frames, plugins, form controls, SVG, MathML.
 * - No `style`, `class` or `id` attribute and no event handler (`on*`): CSS (expressions, `url()`,
 *   overlays) cannot come in, and messages cannot borrow the app's classes or anchors.
 * - Links and images need an absolute URL of an allowed scheme, read as a browser reads it (so
 *   `java&#x09;script:` is `javascript:`): `data:`, `javascript:`, `vbscript:`, relative and
 *   protocol-relative URLs are removed; a link left without one becomes its text, an image its
 *   alternative text. Links open in a new tab, without opener or referrer.
 * - Remote images (http/https) are kept, as mail shows them: blocking them for privacy, and
 *   resolving `cid:` to the message's attachments, is the viewer's job.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'div', 'span', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    ...['b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'mark', 'small', 'sub', 'sup'],
    ...['abbr', 'q', 'cite', 'blockquote', 'pre', 'code', 'kbd', 'samp'],
    ...['ul', 'ol', 'li', 'dl', 'dt', 'dd'],
    ...['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
    ...['a', 'img'],
  ],
  allowedAttributes: {
    '*': ['dir', 'lang', 'title'],
    a: ['href', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start', 'type', 'reversed'],
    li: ['value'],
    table: ['border', 'cellpadding', 'cellspacing', 'width'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width', 'scope'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
  },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [
    ...['script', 'noscript', 'style', 'template', 'title', 'head', 'xmp', 'plaintext'],
    ...['iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'applet', 'noembed'],
    ...['textarea', 'select', 'option', 'svg', 'math'],
  ],
  transformTags: {
    // A link without an allowed target is kept as its text; an image without an allowed source
    // as its alternative text. (Renaming, not `exclusiveFilter`: that rewrites the output built
    // so far on every removal, quadratic in a message of many such tags.)
    a: (tagName, attribs) => {
      const kept = withUrl(attribs, 'href', LINK_SCHEMES);
      if (!kept.href) return { tagName: 'span', attribs: {} };
      return {
        tagName,
        attribs: { ...kept, target: '_blank', rel: 'noopener noreferrer' },
      };
    },
    img: (tagName, attribs) => {
      const kept = withUrl(attribs, 'src', IMAGE_SCHEMES);
      if (!kept.src) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
      return { tagName, attribs: kept };
    },
  },
};

/**
 * The attributes with `name` kept only when it is an absolute URL of one of `schemes`, as the
 * WHATWG URL parser (the browser's) reads it.
 */
function withUrl(
  attribs: sanitizeHtml.Attributes,
  name: string,
  schemes: string[],
): sanitizeHtml.Attributes {
  const { [name]: value, ...rest } = attribs;
  if (value === undefined || !URL.canParse(value)) return rest;
  const scheme = new URL(value).protocol.slice(0, -1);
  return schemes.includes(scheme) ? { [name]: value, ...rest } : rest;
}

/**
 * Deeper than this, the HTML is refused (browsers stop nesting at 512 too). htmlparser2 keeps its
 * open-element stack with `unshift`, so parsing costs O(depth²): 2 MB of unclosed `<b>` would
 * block the service for minutes. Real mail nests a few dozen levels.
 */
const MAX_DEPTH = 512;

class TooDeep extends Error {}

/** Markup only: what is left when a sanitized HTML has no text and no image. */
const NO_CONTENT = /^(?:\s|<(?!img\b)[^>]*>)*$/;

/**
 * A message's HTML as ticket-core stores it: sanitized by the policy above, or null when nothing
 * is left to show (no HTML given, only what the policy removes, or nesting past MAX_DEPTH). The
 * message's text body is kept either way.
 */
export function sanitizeMessageHtml(html: string | null | undefined): SanitizedHtml | null {
  if (!html) return null;
  // Every tag the parser opens or closes, implied ones included, whatever the policy does with it.
  let depth = 0;
  let clean: string;
  try {
    clean = sanitizeHtml(html, {
      ...POLICY,
      onOpenTag: () => {
        if (++depth > MAX_DEPTH) throw new TooDeep();
      },
      onCloseTag: () => {
        depth -= 1;
      },
    });
  } catch (error) {
    if (error instanceof TooDeep) return null;
    throw error;
  }
  return NO_CONTENT.test(clean) ? null : (clean as SanitizedHtml);
}
