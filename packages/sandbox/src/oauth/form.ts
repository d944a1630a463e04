import type { IncomingMessage } from 'node:http';
import { BodyTooLarge, parseContentType, readBody } from '../http.js';

export type FormOutcome = { ok: true; fields: Map<string, string> } | { ok: false; reason: string; tooLarge?: boolean };

const FORM = 'application/x-www-form-urlencoded';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `name=value&...` pairs from a query string or a form body. A name given twice, a value
 * longer than its limit or a name not in `limits` with a huge value is refused: RFC 6749 (section
 * 3.1) forbids repeated parameters, and no field of these endpoints is long.
 */
export function parsePairs(text: string, limits: Record<string, number>, otherLimit = 256): FormOutcome {
  const fields = new Map<string, string>();
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { ok: false, reason: 'The parameters cannot be read.' };
  }
  for (const [name, value] of params) {
    if (fields.has(name)) return { ok: false, reason: `The parameter ${name.slice(0, 64)} is given more than once.` };
    const limit = Object.hasOwn(limits, name) ? limits[name]! : otherLimit;
    if (value.length > limit) return { ok: false, reason: `The parameter ${name.slice(0, 64)} is longer than ${limit} characters.` };
    fields.set(name, value);
  }
  return { ok: true, fields };
}

/** Reads a form-encoded body of at most `bodyLimit` bytes. */
export async function readForm(request: IncomingMessage, bodyLimit: number, limits: Record<string, number>): Promise<FormOutcome> {
  const type = parseContentType(request.headers['content-type']);
  if (type?.type !== FORM) {
    request.resume();
    return { ok: false, reason: `The body must be ${FORM}, not ${type?.type ? type.type.slice(0, 100) : 'missing'}.` };
  }
  if (type.charset && type.charset !== 'utf-8') {
    request.resume();
    return { ok: false, reason: 'The body must be UTF-8.' };
  }
  if (Number(request.headers['content-length']) > bodyLimit) {
    request.resume();
    return { ok: false, reason: `The body is larger than ${bodyLimit} bytes.`, tooLarge: true };
  }
  let body: Buffer;
  try {
    body = await readBody(request, bodyLimit);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      request.resume();
      return { ok: false, reason: `The body is larger than ${bodyLimit} bytes.`, tooLarge: true };
    }
    throw error;
  }
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return { ok: false, reason: 'The body is not valid UTF-8.' };
  }
  return parsePairs(text, limits);
}
