import { createApiClient, type ApiClient } from '@switchboard/api-client';
import { ApiError } from '../api/api-error';
import type { TokenPair } from '../api/types';

const STORAGE_KEY = 'switchboard.session';

/** What openapi-fetch answers for any call. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Why a session is over, for the login page to say. */
export type EndReason = 'logged-out' | 'expired';

interface Stored {
  refreshToken: string;
}

/**
 * The signed-in agent's tokens: the access token in memory, the refresh token in sessionStorage
 * (a reload keeps the session; each tab has its own, since refresh tokens rotate on every use). It refreshes the access token a minute before it expires and
 * once more when a call answers 401; when refreshing fails, the session ends and `onEnd` tells
 * the app, which shows the login page with "your session ended".
 */
export class Session {
  private accessToken: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | undefined;
  readonly api: ApiClient;

  constructor(
    private readonly onEnd: (reason: EndReason) => void,
    baseUrl: string = window.location.origin,
  ) {
    this.api = createApiClient(baseUrl);
    this.api.use({
      onRequest: ({ request }) => {
        if (this.accessToken) request.headers.set('authorization', `Bearer ${this.accessToken}`);
        return request;
      },
    });
  }

  /** The current access token, for the live socket (which asks each time it connects). */
  currentToken(): string | undefined {
    return this.accessToken;
  }

  get signedIn(): boolean {
    return this.accessToken !== undefined;
  }

  /** The bearer header for calls made outside the typed client (file downloads and uploads). */
  authorization(): Record<string, string> {
    return this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {};
  }

  /** Signs in; with `newPassword`, replacing the password on the way (a first one must be). */
  async login(email: string, password: string, newPassword?: string): Promise<void> {
    const result = await this.api.POST('/api/v1/auth/login', {
      body: { email, password, ...(newPassword ? { newPassword } : {}) },
    });
    if (!result.data) throw ApiError.from(result.response, result.error);
    this.accept(result.data);
  }

  /** Resumes a stored session on page load; false when there is none or it is over. */
  async resume(): Promise<boolean> {
    if (!this.stored()) return false;
    return this.refresh();
  }

  async logout(): Promise<void> {
    const stored = this.stored();
    this.clear();
    if (stored)
      await this.api
        .POST('/api/v1/auth/logout', { body: { refreshToken: stored.refreshToken } })
        .catch(() => undefined);
    this.onEnd('logged-out');
  }

  /**
   * Runs one typed call and answers its data, or throws an ApiError. A 401 refreshes the tokens
   * and runs the call once more; a second 401 ends the session.
   */
  async call<T>(run: (api: ApiClient) => Promise<FetchResult<T>>): Promise<T> {
    let result = await run(this.api);
    if (result.response.status === 401 && (await this.refresh())) result = await run(this.api);
    if (result.response.status === 401) {
      this.end();
      throw ApiError.from(result.response, result.error);
    }
    if (!result.response.ok) throw ApiError.from(result.response, result.error);
    return result.data as T;
  }

  /** A plain fetch with the bearer token, refreshed once on 401 (downloads, uploads). */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const send = () =>
      fetch(path, { ...init, headers: { ...(init.headers ?? {}), ...this.authorization() } });
    let response = await send();
    if (response.status === 401 && (await this.refresh())) response = await send();
    if (response.status === 401) this.end();
    return response;
  }

  /** One refresh at a time; concurrent callers share it. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const stored = this.stored();
    if (!stored) return false;
    const result = await this.api
      .POST('/api/v1/auth/refresh', { body: { refreshToken: stored.refreshToken } })
      .catch(() => undefined);
    if (result?.data) {
      this.accept(result.data);
      return true;
    }
    // A network failure or an outage is not the end of the session: try again later.
    if (!result || result.response.status >= 500) {
      this.schedule(15);
      return false;
    }
    this.end();
    return false;
  }

  private accept(tokens: TokenPair): void {
    this.accessToken = tokens.accessToken;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: tokens.refreshToken }));
    this.schedule(Math.max(10, tokens.expiresIn - 60));
  }

  private schedule(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
  }

  private end(): void {
    const wasSignedIn = this.signedIn || this.stored() !== undefined;
    this.clear();
    if (wasSignedIn) this.onEnd('expired');
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.accessToken = undefined;
    sessionStorage.removeItem(STORAGE_KEY);
  }

  private stored(): Stored | undefined {
    try {
      const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
      return value && typeof value.refreshToken === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
}
