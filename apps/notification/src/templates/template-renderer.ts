import Handlebars from 'handlebars';
import { TemplateSource, TemplateVariables } from './default-templates';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Compiled = Handlebars.TemplateDelegate<TemplateVariables>;

/** Compiled templates are kept by their source: a workspace's edit is a new source. */
const MAX_CACHED = 1000;

/**
 * Renders a template's three parts with Handlebars. The HTML body escapes every `{{variable}}`
 * (a customer named `<script>` stays text); the subject and the text body are plain text and are
 * not escaped, and the subject is kept on one line, so no variable can add a mail header.
 */
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly cache = new Map<string, Compiled>();

  render(source: TemplateSource, variables: TemplateVariables): RenderedMail {
    return {
      subject: this.compile(
        source.subject,
        false,
      )(variables)
        .replace(/[\r\n]+/g, ' ')
        .trim(),
      text: this.compile(source.text, false)(variables),
      html: this.compile(source.html, true)(variables),
    };
  }

  /** Throws with Handlebars' message when a part does not compile (an admin's edit). */
  check(source: TemplateSource): void {
    for (const part of [source.subject, source.text, source.html]) {
      this.handlebars.precompile(part, { strict: false });
    }
  }

  private compile(template: string, escape: boolean): Compiled {
    const key = `${escape ? 'h' : 't'}:${template}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = this.handlebars.compile<TemplateVariables>(template, { noEscape: !escape });
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}
