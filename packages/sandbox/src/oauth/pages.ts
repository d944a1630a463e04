// The HTML of the authorize page: small, self-contained (no script, no external resource) and
// escaped everywhere a request value appears.

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}ul{padding-left:1.2rem}code{background:#f3f3f3;padding:0 .2rem}
label{display:block;margin:1rem 0 .3rem}select{font-size:1rem;padding:.3rem}
.actions{margin-top:1.5rem;display:flex;gap:.8rem}button{font-size:1rem;padding:.5rem 1.2rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

export interface ConsentView {
  consentId: string;
  clientName: string;
  clientId: string;
  redirectUri: string;
  flow: 'code' | 'token';
  scopes: { name: string; description: string }[];
  users: readonly { UserID: number; Nickname: string }[];
}

export function consentPage(view: ConsentView): string {
  const scopes = view.scopes.length
    ? `<ul id="scopes">${view.scopes.map((s) => `<li><code>${escapeHtml(s.name)}</code>: ${escapeHtml(s.description)}</li>`).join('')}</ul>`
    : '<p id="scopes">No scope: the application can only check who you are (verifyCredentials).</p>';
  const users = view.users.map((u) => `<option value="${u.UserID}">${escapeHtml(u.Nickname)} (${u.UserID})</option>`).join('');
  return page(
    'Sign in with AdultWork.com (sandbox)',
    `<h1>${escapeHtml(view.clientName)} would like to use your account</h1>
<p>Sandbox sign-in: pick a fixture user instead of a password. The application (<code>${escapeHtml(view.clientId)}</code>) asks for:</p>
${scopes}
<form method="post" action="/OAuth/Authorize">
<input type="hidden" name="consent" value="${escapeHtml(view.consentId)}">
<label for="user">Sign in as</label>
<select id="user" name="user">${users}</select>
<div class="actions"><button type="submit" name="decision" value="approve" id="approve">Allow</button>
<button type="submit" name="decision" value="cancel" id="cancel">Cancel</button></div>
</form>
<p><small>You will be sent back to <code>${escapeHtml(view.redirectUri)}</code> (${view.flow === 'code' ? 'authorization code flow' : 'implicit flow'}).</small></p>`,
  );
}

export function errorPage(message: string): string {
  return page('Sign-in error', `<h1>This application cannot sign you in</h1><p id="error">${escapeHtml(message)}</p>`);
}
