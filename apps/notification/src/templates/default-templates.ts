import { NotificationKind } from './notification-kinds';

/** A template's three parts: the subject and the text body are plain text, the HTML body escapes. */
export interface TemplateSource {
  subject: string;
  text: string;
  html: string;
}

/**
 * The variables every template may use; `transcript` only in the solve summary, continue by mail
 * and the chat transcript.
 */
export interface TemplateVariables {
  ticket_url: string;
  ticket_number: number;
  ticket_subject: string;
  customer_name: string;
  agent_name: string;
  message: string;
  workspace_name: string;
  transcript?: { author: string; at: string; text: string }[];
}

const footer = {
  text: '\n\n--\nYour request #{{ticket_number}}: {{ticket_url}}\n',
  html: '<hr><p style="color:#666;font-size:12px">Your request <a href="{{ticket_url}}">#{{ticket_number}}</a></p>',
};

/** What a workspace sends until an admin writes its own (`templates` table). */
export const DEFAULT_TEMPLATES: Record<NotificationKind, TemplateSource> = {
  customer_reply: {
    subject: 'Re: {{ticket_subject}} [#{{ticket_number}}]',
    text: 'Hello {{customer_name}},\n\n{{message}}\n\n{{agent_name}}' + footer.text,
    html:
      '<p>Hello {{customer_name}},</p><div style="white-space:pre-wrap">{{message}}</div>' +
      '<p>{{agent_name}}</p>' +
      footer.html,
  },
  solve_summary: {
    subject: 'Solved: {{ticket_subject}} [#{{ticket_number}}]',
    text:
      'Hello {{customer_name}},\n\nyour request #{{ticket_number}} is solved. The conversation:\n' +
      '{{#each transcript}}\n{{author}} ({{at}}):\n{{text}}\n{{/each}}' +
      '\nAnswer this mail if something is still open.' +
      footer.text,
    html:
      '<p>Hello {{customer_name}},</p><p>your request #{{ticket_number}} is solved. The conversation:</p>' +
      '{{#each transcript}}<p><b>{{author}}</b> ({{at}}):</p><div style="white-space:pre-wrap">{{text}}</div>{{/each}}' +
      '<p>Answer this mail if something is still open.</p>' +
      footer.html,
  },
  auto_response: {
    subject: 'We received your request: {{ticket_subject}} [#{{ticket_number}}]',
    text:
      'Hello {{customer_name}},\n\nthank you for writing to {{workspace_name}}. Your request has the number ' +
      '#{{ticket_number}}; we will answer as soon as we can.' +
      footer.text,
    html:
      '<p>Hello {{customer_name}},</p><p>thank you for writing to {{workspace_name}}. Your request has the number ' +
      '#{{ticket_number}}; we will answer as soon as we can.</p>' +
      footer.html,
  },
  out_of_hours: {
    subject: 'We will answer you by mail [#{{ticket_number}}]',
    text:
      'Hello {{customer_name}},\n\nwe are closed right now. We have your message and will answer it by mail ' +
      'when we are back; you can follow it here.' +
      footer.text,
    html:
      '<p>Hello {{customer_name}},</p><p>we are closed right now. We have your message and will answer it by ' +
      'mail when we are back; you can follow it here.</p>' +
      footer.html,
  },
  continue_by_mail: {
    subject: 'Our chat continues by mail: {{ticket_subject}} [#{{ticket_number}}]',
    text:
      'Hello {{customer_name}},\n\nwe will go on with your request #{{ticket_number}} by mail: just answer ' +
      'this one. The chat so far:\n' +
      '{{#each transcript}}\n{{author}} ({{at}}):\n{{text}}\n{{/each}}' +
      footer.text,
    html:
      '<p>Hello {{customer_name}},</p><p>we will go on with your request #{{ticket_number}} by mail: just ' +
      'answer this one. The chat so far:</p>' +
      '{{#each transcript}}<p><b>{{author}}</b> ({{at}}):</p><div style="white-space:pre-wrap">{{text}}</div>{{/each}}' +
      footer.html,
  },
  chat_transcript: {
    subject: 'Our conversation: {{ticket_subject}} [#{{ticket_number}}]',
    text:
      'Hello {{customer_name}},\n\nhere is our conversation about your request #{{ticket_number}}, as you ' +
      'asked. You can answer this mail to write to us.\n' +
      '{{#each transcript}}\n{{author}} ({{at}}):\n{{text}}\n{{/each}}' +
      footer.text,
    html:
      '<p>Hello {{customer_name}},</p><p>here is our conversation about your request #{{ticket_number}}, ' +
      'as you asked. You can answer this mail to write to us.</p>' +
      '{{#each transcript}}<p><b>{{author}}</b> ({{at}}):</p><div style="white-space:pre-wrap">{{text}}</div>{{/each}}' +
      footer.html,
  },
  assigned: {
    subject: '#{{ticket_number}} was assigned to you: {{ticket_subject}}',
    text: '{{agent_name}} assigned ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}} to you.\n',
    html: '<p>{{agent_name}} assigned ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}} to you.</p>',
  },
  participant_added: {
    subject: 'You take part in #{{ticket_number}}: {{ticket_subject}}',
    text: '{{agent_name}} added you to ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}}.\n',
    html: '<p>{{agent_name}} added you to ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}}.</p>',
  },
  reminder_due: {
    subject: 'Reminder: #{{ticket_number}} {{ticket_subject}}',
    text: 'The reminder of ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}} is due.\n',
    html: '<p>The reminder of ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}} is due.</p>',
  },
  team_new_ticket: {
    subject: 'New ticket #{{ticket_number}} in your team: {{ticket_subject}}',
    text: '{{customer_name}} opened ticket #{{ticket_number}}: {{ticket_subject}}\n\n{{message}}\n',
    html:
      '<p>{{customer_name}} opened ticket #{{ticket_number}}: {{ticket_subject}}</p>' +
      '<div style="white-space:pre-wrap">{{message}}</div>',
  },
  access_requested: {
    subject: '{{agent_name}} asks to join #{{ticket_number}}: {{ticket_subject}}',
    text: '{{agent_name}} asks to take part in ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}}.\n',
    html: '<p>{{agent_name}} asks to take part in ticket #{{ticket_number}} ({{ticket_subject}}) from {{customer_name}}.</p>',
  },
};
