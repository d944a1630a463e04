/**
 * Every failure of a sign-in step is an OAuthError. `error` is the OAuth error code: the token
 * endpoint's (`invalid_grant`, `refresh_token_has_expired`, ...) or one of the SDK's own
 * (`access_denied` when the user cancelled, `state_mismatch`, `invalid_callback`,
 * `invalid_response`, `network_error`, `token_storage_failed`).
 *
 * No message, property or cause of an OAuthError ever holds a token, a code or a client secret.
 */
export class OAuthError extends Error {
  override name = 'OAuthError';
  /** The OAuth error code. */
  readonly error: string;
  /** The HTTP status of the token endpoint's answer, when there was one. */
  readonly status: number | undefined;
  /** The server's error_description, with any credential of the request removed. */
  readonly description: string | undefined;

  constructor(error: string, message: string, details: { status?: number | undefined; description?: string | undefined; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.error = error;
    this.status = details.status;
    this.description = details.description;
  }

  /** True when only a new sign-in by the user can help (the refresh token is expired, rotated out or revoked). */
  get needsSignIn(): boolean {
    return this.error === 'refresh_token_has_expired' || this.error === 'invalid_grant' || this.error === 'access_denied';
  }
}

/** Removes every given credential from a text a server sent back. */
export function scrubbed(text: string, secrets: readonly (string | undefined)[]): string {
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text;
}
