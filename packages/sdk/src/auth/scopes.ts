/**
 * Whether the granted scopes cover the required ones. Grants can be narrower than asked (the
 * user may refuse some); check before offering a feature, or ask GetPermissions.
 */
export function hasScopes(granted: readonly string[] | undefined, required: readonly string[]): boolean {
  if (!granted) return false;
  return required.every((scope) => granted.includes(scope));
}
