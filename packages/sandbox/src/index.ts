export { startSandbox, createSandbox, type SandboxOptions, type RunningSandbox, type Sandbox } from './server.js';
export { SANDBOX_NOW_HEADER } from './pipeline.js';
export { ADMIN_TOKEN_ENV } from './admin-access.js';
export { defaultSeedPath } from './fixtures.js';
export { defaultSpecPath } from './spec.js';
export { DataContractXml } from './xml.js';
export { writeFileAtomic, type SandboxData, type SandboxUser, type SandboxToken, type SandboxGroup } from './store.js';
export { ADMIN_PREFIX } from './admin.js';
export { createOAuthServer, declaredScopes, GrantRegistry, loadOAuthClients, defaultOAuthClientsPath, type OAuthServer, type OAuthClient } from './oauth/index.js';
