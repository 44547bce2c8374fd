import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** notification's failures, with their wire code. */
export class NotificationException extends ServiceException {
  static forbidden(message: string): NotificationException {
    return new NotificationException(ErrorCode.FORBIDDEN, message);
  }

  static invalid(field: string, message: string): NotificationException {
    return new NotificationException(ErrorCode.VALIDATION_FAILED, message, {
      fields: [{ field, errors: [message] }],
    });
  }
}
