interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) return;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q, order });
  });
  return ranges;
}

/**
 * Picks the representation from `offered` (in the server's order of preference) that the
 * `Accept` header rates highest. Like ASP.NET Web API, a header that accepts none of them gets
 * the first one (JSON) rather than a 406.
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string {
  const fallback = offered[0]!;
  if (!accept || offered.length === 1) return fallback;
  const ranges = parseAccept(accept);
  let best: { media: string; q: number; specificity: number; order: number } | undefined;
  for (const media of offered) {
    const [type, subtype] = media.split('/');
    let match: MediaRange | undefined;
    let specificity = -1;
    for (const range of ranges) {
      const s = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
      if (s > specificity) {
        specificity = s;
        match = range;
      }
    }
    if (!match || match.q <= 0) continue;
    // A wildcard stands for the server's preference, so it never beats a named type at equal q.
    const order = specificity === 2 ? match.order : Number.MAX_SAFE_INTEGER - 1 + offered.indexOf(media) / 100;
    if (!best || match.q > best.q || (match.q === best.q && order < best.order)) best = { media, q: match.q, specificity, order };
  }
  return best?.media ?? fallback;
}

/**
 * `negotiate` for one fixed list of offers, remembering its answer per `Accept` header: clients
 * send the same few headers over and over, and parsing one costs more than the lookup.
 */
export function negotiator(offered: readonly string[], remember = 64): (accept: string | undefined) => string {
  if (offered.length === 1) return () => offered[0]!;
  const answers = new Map<string, string>();
  return (accept) => {
    if (!accept) return offered[0]!;
    let media = answers.get(accept);
    if (media === undefined) {
      media = negotiate(accept, offered);
      // Bounded, so that a client sending endless distinct headers cannot grow it.
      if (answers.size >= remember) answers.clear();
      answers.set(accept, media);
    }
    return media;
  };
}
