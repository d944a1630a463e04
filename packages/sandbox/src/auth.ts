import type { SecurityRequirement } from './spec.js';
import type { SandboxToken, Store } from './store.js';

export type AuthOutcome =
  | { ok: true; token: SandboxToken | undefined }
  | { ok: false; status: 401 | 403; message: string };

export const UNAUTHORIZED_MESSAGE = 'Authorization has been denied for this request.';

/** `bearer <token>`; the scheme name is case-insensitive (RFC 9110, section 11.1). */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header);
  return match?.[1];
}

function grants(scopes: readonly string[], requirement: SecurityRequirement): boolean {
  for (const name in requirement) {
    for (const scope of requirement[name]!) if (!scopes.includes(scope)) return false;
  }
  return true;
}

const OPEN: AuthOutcome = Object.freeze({ ok: true, token: undefined });
const openness = new WeakMap<SecurityRequirement[], boolean>();
/** No requirement, or an empty one among them: anyone may call. Each operation's list is read once. */
function isOpen(requirements: SecurityRequirement[]): boolean {
  let open = openness.get(requirements);
  if (open === undefined) openness.set(requirements, (open = requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)));
  return open;
}

/**
 * Checks the operation's security requirements (any one alternative suffices; every scope of
 * that alternative is needed). An unknown or missing token is a 401; a known token that lacks
 * the scopes is a 403.
 */
export function authorize(requirements: SecurityRequirement[], header: string | undefined, store: Store): AuthOutcome {
  if (isOpen(requirements)) return OPEN;
  const value = bearerToken(header);
  // The seed's static tokens and those issued at run time (store.addTokenSource): one lookup.
  const token = value ? store.token(value) : undefined;
  if (!token || !store.user(token.UserID)) return { ok: false, status: 401, message: UNAUTHORIZED_MESSAGE };
  if (requirements.some((requirement) => grants(token.Scopes, requirement))) return { ok: true, token };
  const needed = [...new Set(requirements.flatMap((r) => Object.values(r).flat()))].join(' or ');
  return { ok: false, status: 403, message: `The access token does not grant the scope this operation needs (${needed}).` };
}
