import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** A size in bytes as people read it: "25 MB", "512 KB", "100 bytes". */
export function readableSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** The gateway's attachment failures, each with its wire code (and so its HTTP status). */
export class AttachmentException extends ServiceException {
  /** 413, naming the workspace's limit. */
  static tooLarge(maxBytes: number): AttachmentException {
    return new AttachmentException(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `the attachment is larger than this workspace's limit of ${readableSize(maxBytes)} (${maxBytes} bytes)`,
      { maxBytes },
    );
  }

  /** 415, naming the types the workspace accepts. */
  static unsupportedType(
    contentType: string,
    allowedTypes: readonly string[],
    why = 'is not accepted',
  ): AttachmentException {
    return new AttachmentException(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `the attachment's content (${contentType}) ${why}; accepted types: ${allowedTypes.join(', ')}`,
      { contentType, allowedTypes: [...allowedTypes] },
    );
  }

  static invalid(field: string, message: string): AttachmentException {
    return new AttachmentException(ErrorCode.VALIDATION_FAILED, message, {
      fields: [{ field, errors: [message] }],
    });
  }

  /** One answer for "no such content" and "not yours to see". */
  static notFound(): AttachmentException {
    return new AttachmentException(ErrorCode.NOT_FOUND, 'attachment not found');
  }
}
