/** An error of the API as the desk shows it: the envelope's code and message, and the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a response and the `{ code, message }` envelope it carried (or not). */
  static from(response: Response, body: unknown): ApiError {
    const envelope = (body ?? {}) as { code?: unknown; message?: unknown };
    if (response.status === 503 || response.status === 502 || response.status === 504)
      return new ApiError(
        response.status,
        'UNAVAILABLE',
        'The service is unavailable right now. Try again in a moment.',
      );
    return new ApiError(
      response.status,
      typeof envelope.code === 'string' ? envelope.code : `HTTP_${response.status}`,
      typeof envelope.message === 'string'
        ? envelope.message
        : response.statusText || 'Request failed',
    );
  }
}

/** A message for any error: the API's own, or a network failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The desk cannot reach the server. Check your connection.';
  return error instanceof Error ? error.message : String(error);
}
