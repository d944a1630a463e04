/** The IDs the API hands out and takes are .NET Int32s, from 1 up. */
export const INT32_MAX = 2_147_483_647;

/** Nesting deeper than any body the sandbox takes (a seed is about six levels deep). */
export const DEFAULT_JSON_DEPTH_LIMIT = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep `raw` nests, stopping as soon as it passes `limit`. It runs before JSON.parse, so a
 * body like `[[[[…]]]]` never reaches code that walks values recursively (schema checks, the
 * state's deep copies) and could run out of stack; malformed text is left to JSON.parse.
 */
export function nestsDeeperThan(raw: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses a UTF-8 JSON body no deeper than `depthLimit`; the failure says what is wrong with it. */
export function parseJsonBody(raw: Buffer, depthLimit: number): ParsedJson {
  if (nestsDeeperThan(raw, depthLimit)) return { ok: false, message: `The request body nests arrays and objects more than ${depthLimit} levels deep.` };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}
