export { startSandbox, createSandbox, SANDBOX_NOW_HEADER, type SandboxOptions, type RunningSandbox } from './server.js';
export { defaultSeedPath } from './fixtures.js';
export { defaultSpecPath } from './spec.js';
export { DataContractXml } from './xml.js';
export { writeFileAtomic, type SandboxData, type SandboxUser, type SandboxToken, type SandboxGroup } from './store.js';
export { ADMIN_PREFIX } from './admin.js';
