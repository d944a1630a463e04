import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const specDir = fileURLToPath(new URL('..', import.meta.url));
const config = join(specDir, '..', 'redocly.yaml');
const redocly = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

function lint(root: string) {
  const result = spawnSync(process.execPath, [redocly, 'lint', root, '--config', config, '--format', 'stylish'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`The edit of ${file} changed nothing: the fixture is stale`);
  writeFileSync(file, next);
}

describe('redocly lint', () => {
  it('finds no problem in the spec', () => {
    const result = spawnSync(process.execPath, [redocly, 'lint', join(specDir, 'openapi.yaml'), '--config', config, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(result.status).toBe(0);
  });

  it('fails a deliberately broken copy, naming each house rule it breaks', () => {
    const copy = mkdtempSync(join(tmpdir(), 'adultwork-broken-spec-'));
    try {
      for (const part of ['openapi.yaml', 'paths', 'components']) cpSync(join(specDir, part), join(copy, part), { recursive: true });
      edit(join(copy, 'components/schemas/LocalDateTime.yaml'), /^type: string$/m, 'type: string\nformat: date-time');
      edit(join(copy, 'components/schemas/RescheduleMadeBookingRequest.yaml'), /BookingID/g, 'bookingId');
      edit(join(copy, 'components/parameters/PageNumber.yaml'), 'name: PageNumber', 'name: page_number');
      const webcam = join(copy, 'paths/v1_Webcam_CancelMadeBooking.yaml');
      edit(webcam, /security:\n\s+- AdultWorkOAuth:\n\s+- account_webcam_bookings/, 'security:\n    - AdultWorkOAuth: []');
      edit(webcam, 'x-adultwork-prerequisites:', 'x-removed-prerequisites:');
      edit(webcam, /\n\s+examples:\n\s+cancelled:\n\s+\$ref: \.\.\/components\/examples\/WebcamBooking_cancelled_xml\.yaml/, '');
      edit(join(copy, 'paths/v1_PhoneChat_RescheduleMadeBooking.yaml'), /\s+operationId: reschedulePhoneChatMadeBooking/, '');
      // Without x-adultwork-token-only, an empty scope list is an error again.
      edit(join(copy, 'paths/v1_account_verifyCredentials.yaml'), /\n\s+x-adultwork-token-only: true/, '');

      const { status, output } = lint(join(copy, 'openapi.yaml'));
      expect(status).not.toBe(0);
      expect(output).toContain('v1_account_verifyCredentials.yaml');
      for (const rule of [
        'rule/no-date-time-format',
        'rule/wire-property-names-are-pascal-case',
        'rule/parameter-names-are-pascal-case',
        'rule/security-requirement-names-a-scope',
        'rule/post-operations-state-prerequisites',
        'rule/2xx-response-has-example',
        'operation-operationId',
      ]) {
        expect(output, rule).toContain(rule);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('holds the two OAuth endpoints to their own rules, and the API operations to theirs', () => {
    const copy = mkdtempSync(join(tmpdir(), 'adultwork-broken-oauth-'));
    try {
      for (const part of ['openapi.yaml', 'paths', 'components']) cpSync(join(specDir, part), join(copy, part), { recursive: true });
      const token = join(copy, 'paths/OAuth_token.yaml');
      edit(token, 'security: []', 'security:\n    - AdultWorkOAuth: []');
      edit(token, 'x-adultwork-oauth: token', 'x-adultwork-oauth: refresh\n  x-adultwork-resource:\n    kind: record');
      edit(join(copy, 'components/schemas/OAuthTokenResponse.yaml'), /^  expires_in:/m, '  ExpiresIn:');
      edit(join(copy, 'paths/OAuth_Authorize.yaml'), 'name: client_id', 'name: ClientId');
      // An API operation wrongly marked as an OAuth endpoint is caught: it asks for a token.
      edit(join(copy, 'paths/v1_Account_GetPermissions.yaml'), /\n  x-adultwork-resource:/, '\n  x-adultwork-oauth: authorize\n  x-adultwork-resource:');

      const { status, output } = lint(join(copy, 'openapi.yaml'));
      expect(status).not.toBe(0);
      for (const rule of [
        'rule/oauth-operations-need-no-token',
        'rule/oauth-operations-name-no-resource',
        'rule/oauth-operations-say-which',
        'rule/oauth-wire-names-are-snake-case',
        'rule/oauth-parameter-names-are-snake-case',
      ]) {
        expect(output, rule).toContain(rule);
      }
      expect(output).toMatch(/v1_Account_GetPermissions\.yaml[\s\S]*rule\/oauth-operations-need-no-token/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
