import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A client application registered with the authorization server (fixtures/oauth-clients.json). */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page. */
  name: string;
  /** The only redirect URIs the client may name, compared as exact strings (RFC 6749, section 3.1.2.3). */
  redirectUris: string[];
}

export function defaultOAuthClientsPath(): string {
  return fileURLToPath(new URL('../../fixtures/oauth-clients.json', import.meta.url));
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Reads and checks a clients file; any problem names the file and the entry, never a secret. */
export function loadOAuthClients(path: string = defaultOAuthClientsPath()): OAuthClient[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`OAuth clients file ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  return checkOAuthClients(data, path);
}

export function checkOAuthClients(data: unknown, source: string): OAuthClient[] {
  const list = (data as { clients?: unknown } | null)?.clients;
  if (!Array.isArray(list)) throw new Error(`${source}: expected an object with a "clients" array`);
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const where = `${source}: clients[${index}]`;
    const { clientId, clientSecret, name, redirectUris } = (entry ?? {}) as Record<string, unknown>;
    if (!isText(clientId, 256) || !/^[\x21-\x7e]+$/.test(clientId)) throw new Error(`${where}.clientId must be 1 to 256 visible ASCII characters`);
    if (seen.has(clientId)) throw new Error(`${where}.clientId "${clientId}" is registered twice`);
    seen.add(clientId);
    if (!isText(clientSecret, 256)) throw new Error(`${where}.clientSecret must be a string of 1 to 256 characters`);
    if (!isText(name, 100)) throw new Error(`${where}.name must be a string of 1 to 100 characters`);
    if (!Array.isArray(redirectUris) || redirectUris.length === 0) throw new Error(`${where}.redirectUris must be a non-empty array`);
    for (const uri of redirectUris) {
      let url: URL | undefined;
      try {
        url = new URL(uri as string);
      } catch {
        // refused below
      }
      // RFC 6749, section 3.1.2: absolute, and no fragment.
      if (typeof uri !== 'string' || uri.length > 2048 || !url || !/^https?:$/.test(url.protocol) || url.hash) {
        throw new Error(`${where}.redirectUris: ${JSON.stringify(uri)} is not an absolute http(s) URI without a fragment`);
      }
    }
    return { clientId, clientSecret, name, redirectUris: redirectUris as string[] };
  });
}
