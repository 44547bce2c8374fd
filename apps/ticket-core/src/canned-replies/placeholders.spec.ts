import { describe, expect, it } from '@jest/globals';
import { PlaceholderValues, renderPlaceholders, ticketUrl } from './placeholders';

const values: PlaceholderValues = {
  customer_name: 'Grace Hopper',
  agent_name: 'Ada',
  ticket_url: 'https://help.example.com/t/tok',
  ticket_number: '22',
};

describe('renderPlaceholders', () => {
  it('fills every known placeholder, each as often as it appears', () => {
    expect(
      renderPlaceholders(
        'Hi {{customer_name}}, ticket #{{ticket_number}}: {{ticket_url}}\n{{agent_name}} / {{agent_name}}',
        values,
      ),
    ).toBe('Hi Grace Hopper, ticket #22: https://help.example.com/t/tok\nAda / Ada');
  });

  it('accepts spaces inside the braces', () => {
    expect(renderPlaceholders('Hi {{ customer_name }}!', values)).toBe('Hi Grace Hopper!');
  });

  it('leaves unknown placeholders and near misses as written', () => {
    const template = '{{order_id}} {{Customer_Name}} {customer_name} {{constructor}} {{toString}}';
    expect(renderPlaceholders(template, values)).toBe(template);
  });

  it('does not expand placeholders that appear inside a value', () => {
    expect(
      renderPlaceholders('Hi {{customer_name}}', { ...values, customer_name: '{{agent_name}}' }),
    ).toBe('Hi {{agent_name}}');
  });

  it('inserts values literally, even ones with $ patterns', () => {
    expect(renderPlaceholders('{{customer_name}}', { ...values, customer_name: "$& $1 $'" })).toBe(
      "$& $1 $'",
    );
  });

  it('answers a body without placeholders unchanged', () => {
    expect(renderPlaceholders('Thanks for waiting.', values)).toBe('Thanks for waiting.');
  });
});

describe('ticketUrl', () => {
  it('joins the base URL and the token under /t/', () => {
    expect(ticketUrl('https://help.example.com', 'abc')).toBe('https://help.example.com/t/abc');
  });

  it('does not double a trailing slash of the base URL', () => {
    expect(ticketUrl('https://help.example.com/support//', 'abc')).toBe(
      'https://help.example.com/support/t/abc',
    );
  });

  it('escapes a token that is not URL-safe', () => {
    expect(ticketUrl('http://x', 'a/b?c')).toBe('http://x/t/a%2Fb%3Fc');
  });
});
