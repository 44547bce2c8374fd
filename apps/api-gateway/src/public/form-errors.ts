import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** What a person is told about a field that failed validation. */
const FIELD_SENTENCES: Record<string, string> = {
  body: 'Please write your message.',
  message: 'Please write your message.',
  name: 'Please give your name.',
  email: 'Please give a valid email address.',
  subject: 'Please give a subject.',
};

/**
 * A refused form, in words for the page that shows it again with its status; null for any
 * other error (not the person's to fix: it goes to the error handler).
 */
export function formError(error: unknown): { status: number; message: string } | null {
  if (!(error instanceof ServiceException)) return null;
  switch (error.code) {
    case ErrorCode.FORBIDDEN:
      return { status: 403, message: error.message };
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return { status: 413, message: sentence(error.message) };
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return { status: 415, message: sentence(error.message) };
    case ErrorCode.VALIDATION_FAILED: {
      const fields = error.details?.fields ?? [];
      const known = [...new Set(fields.map((field) => FIELD_SENTENCES[field.field]))];
      const message = known.every(Boolean) && known.length ? known.join(' ') : error.message;
      return { status: 400, message: sentence(message) };
    }
    default:
      return null;
  }
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
