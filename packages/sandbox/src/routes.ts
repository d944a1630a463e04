import type { Operation } from './spec.js';

interface Route {
  template: string;
  pattern: RegExp | undefined;
  byMethod: Map<string, Operation>;
}

export type RouteMatch =
  | { kind: 'found'; operation: Operation }
  | { kind: 'methodNotAllowed'; allow: string[] }
  | { kind: 'notFound' };

export interface RouteTable {
  exact: Map<string, Route>;
  templated: Route[];
}

/** One route per spec path; templated paths (`/x/{id}`) become patterns, plain ones exact keys. */
export function buildRoutes(operations: Operation[]): RouteTable {
  const table: RouteTable = { exact: new Map(), templated: [] };
  const all = new Map<string, Route>();
  for (const operation of operations) {
    let route = all.get(operation.path);
    if (!route) {
      const templated = operation.path.includes('{');
      const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
      route = { template: operation.path, pattern: templated ? new RegExp(`^${source}$`) : undefined, byMethod: new Map() };
      all.set(operation.path, route);
      if (templated) table.templated.push(route);
      else table.exact.set(operation.path, route);
    }
    route.byMethod.set(operation.method, operation);
  }
  return table;
}

export function matchRoute(table: RouteTable, path: string, method: string): RouteMatch {
  const route = table.exact.get(path) ?? table.templated.find((r) => r.pattern!.test(path));
  if (!route) return { kind: 'notFound' };
  const operation = route.byMethod.get(method);
  if (operation) return { kind: 'found', operation };
  const allow = [...route.byMethod.keys()];
  if (allow.includes('GET')) allow.push('HEAD');
  return { kind: 'methodNotAllowed', allow };
}
