import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TEMPLATES, TemplateVariables } from './default-templates';
import { TemplateRenderer } from './template-renderer';

const variables: TemplateVariables = {
  ticket_url: 'https://help.example/t/abc',
  ticket_number: 42,
  ticket_subject: 'Printer <b>on fire</b>',
  customer_name: '<script>alert(1)</script> & Co',
  agent_name: 'Ana',
  message: 'Try "turning it off".\nThen on.',
  workspace_name: 'Acme',
};

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it('escapes variables in HTML and keeps them as typed in text', () => {
    const mail = renderer.render(DEFAULT_TEMPLATES.customer_reply, variables);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Hello <script>alert(1)</script> & Co,');
    expect(mail.text).toContain('Try "turning it off".\nThen on.');
    expect(mail.text).toContain('https://help.example/t/abc');
    expect(mail.html).toContain('href="https://help.example/t/abc"');
  });

  it('keeps the subject on one line whatever a variable holds', () => {
    const mail = renderer.render(
      { subject: 'Re: {{ticket_subject}}', text: '', html: '' },
      { ...variables, ticket_subject: 'a\r\nBcc: victim@example.com' },
    );
    expect(mail.subject).toBe('Re: a Bcc: victim@example.com');
  });

  it('renders the transcript of a solve summary', () => {
    const mail = renderer.render(DEFAULT_TEMPLATES.solve_summary, {
      ...variables,
      transcript: [
        { author: 'You', at: '2026-12-07 10:00', text: 'Help' },
        { author: 'Ana', at: '2026-12-07 10:05', text: 'Done <ok>' },
      ],
    });
    expect(mail.text).toMatch(
      /You \(2026-12-07 10:00\):\nHelp[\s\S]*Ana \(2026-12-07 10:05\):\nDone <ok>/,
    );
    expect(mail.html).toContain('Done &lt;ok&gt;');
  });

  it('refuses a template that does not compile', () => {
    expect(() => renderer.check({ subject: '{{#if}}', text: '', html: '' })).toThrow();
    expect(() => renderer.check(DEFAULT_TEMPLATES.assigned)).not.toThrow();
  });
});
