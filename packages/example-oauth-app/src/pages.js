// @ts-check
// The example's HTML, small and escaped: every value from the API is data, never markup.

/** @param {unknown} value */
export const escapeHtml = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** @param {string} title @param {string} body */
export function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export const home = () => page('Example app', '<p>This app shows your PhoneChat bookings.</p><p><a id="sign-in" href="/login">Sign in with AdultWork.com</a></p>');

export const cancelled = () => page('Sign-in cancelled', '<p id="cancelled">You cancelled the sign-in; nothing was shared with this app.</p><p><a href="/login">Try again</a></p>');

/** @param {string} message */
export const failed = (message) => page('Sign-in failed', `<p id="error">${escapeHtml(message)}</p><p><a href="/">Start again</a></p>`);

/**
 * @param {{ BookingID: number; SessionDate: string; Duration: number; Status: string; Candidate?: { Nickname?: string } | null }[]} bookings
 * @param {number} total
 * @param {readonly string[] | undefined} scopes
 */
export function bookingsPage(bookings, total, scopes) {
  const rows = bookings
    .map((b) => `<tr><td>${escapeHtml(b.BookingID)}</td><td>${escapeHtml(b.Candidate?.Nickname)}</td><td>${escapeHtml(b.SessionDate)}</td><td>${escapeHtml(b.Duration)}</td><td>${escapeHtml(b.Status)}</td></tr>`)
    .join('');
  return page(
    'Your PhoneChat bookings',
    `<p id="summary">${escapeHtml(total)} booking(s). Granted scopes: <code id="scopes">${escapeHtml((scopes ?? []).join(' '))}</code></p>
<table id="bookings"><thead><tr><th>ID</th><th>With</th><th>Session</th><th>Minutes</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
