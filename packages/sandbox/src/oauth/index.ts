export { createOAuthServer, OAUTH_PREFIX, type OAuthServer, type OAuthServerOptions } from './server.js';
export { GrantRegistry, DEFAULT_LIFETIMES, type Lifetimes, type ActiveToken } from './grants.js';
export { loadOAuthClients, checkOAuthClients, defaultOAuthClientsPath, type OAuthClient } from './clients.js';
export { createSandboxOAuthServer, declaredScopes } from './attach.js';
