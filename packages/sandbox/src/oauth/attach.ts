import type { SandboxState } from '../state.js';
import { loadOAuthClients } from './clients.js';
import { createOAuthServer, type OAuthServer } from './server.js';

/** The scopes the spec's oauth2 security scheme declares, with their descriptions. */
export function declaredScopes(doc: unknown): Record<string, string> {
  const schemes = (doc as { components?: { securitySchemes?: Record<string, { type?: string; flows?: Record<string, { scopes?: Record<string, string> }> }> } })
    .components?.securitySchemes;
  const scopes: Record<string, string> = {};
  for (const scheme of Object.values(schemes ?? {})) {
    if (scheme.type !== 'oauth2') continue;
    for (const flow of Object.values(scheme.flows ?? {})) Object.assign(scopes, flow.scopes);
  }
  return scopes;
}

/**
 * The authorization server of a sandbox: its clock, its fixture users, the spec's scopes and the
 * registered clients (fixtures/oauth-clients.json unless `clientsPath` names another file).
 */
export function createSandboxOAuthServer(state: SandboxState, doc: unknown, clientsPath?: string): OAuthServer {
  return createOAuthServer({
    clock: state.clock,
    clients: loadOAuthClients(clientsPath),
    scopes: declaredScopes(doc),
    // Read per page, so that a reseed through the admin routes shows its users.
    users: () => state.store.snapshot().users,
  });
}
