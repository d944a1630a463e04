// The proxy decides which request targets may reach Prism; these are the rules, one by one.
import { describe, expect, it } from 'vitest';
import { normaliseAuthorization, originFormTarget } from '../src/authSchemeProxy.js';

describe('originFormTarget', () => {
  it.each([
    ['/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc', '/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc'],
    ['/v1/a%2Fb?q=%41', '/v1/a%2Fb?q=%41'],
    ['/v1/x?filter[a]=1', '/v1/x?filter[a]=1'],
    ['http://127.0.0.1:4010/v1/x?y=1', '/v1/x?y=1'],
    ['HTTPS://example.test/v1/x', '/v1/x'],
  ])('forwards %j as %j', (target, forwarded) => {
    expect(originFormTarget(target)).toBe(forwarded);
  });

  it.each(['', '*', '//[', '//host/v1/x', '/v1/[x]', '/v1/%zz', '/v1/x?q=%E0%A4%A', '/v1\\x', 'http://', 'http://[::1/%%%', 'ftp://host/x', 'v1/x'])(
    'refuses %j',
    (target) => {
      expect(originFormTarget(target)).toBeUndefined();
    },
  );
});

describe('normaliseAuthorization', () => {
  it('rewrites the scheme name only', () => {
    expect(normaliseAuthorization({ authorization: 'bearer abc' }).authorization).toBe('Bearer abc');
    expect(normaliseAuthorization({ authorization: 'Basic bearer' }).authorization).toBe('Basic bearer');
    expect(normaliseAuthorization({}).authorization).toBeUndefined();
  });
});
