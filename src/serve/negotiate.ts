/**
 * Content negotiation (RFC 9110 §12.5.1): pick the offered media type the client weights highest;
 * on a tie the server's order wins. Table-driven: callers pass their offers in preference order.
 */

interface AcceptRange { type: string; subtype: string; q: number }

export function parseAccept(header: string | undefined): AcceptRange[] {
  if (!header) return [];
  const out: AcceptRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    out.push({ type, subtype, q: Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0 });
  }
  return out;
}

/** The weight the client gives a media type: the most specific matching range decides. */
function weight(offer: string, ranges: AcceptRange[]): number {
  const [type, subtype] = offer.toLowerCase().split('/');
  let best = -1;
  let specificity = -1;
  for (const r of ranges) {
    const s = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (s > specificity) { specificity = s; best = r.q; }
  }
  return specificity < 0 ? 0 : best;
}

/** The chosen offer, the first offer when there is no Accept header, or undefined (406). */
export function negotiate(accept: string | undefined, offers: readonly string[]): string | undefined {
  const ranges = parseAccept(accept);
  if (!ranges.length) return offers[0];
  let chosen: string | undefined;
  let chosenWeight = 0;
  for (const offer of offers) {
    const w = weight(offer, ranges);
    if (w > chosenWeight) { chosen = offer; chosenWeight = w; }
  }
  return chosen;
}

/** True when the client (a browser) names HTML and weights it at least as high as every other offer. */
export function prefersHtml(accept: string | undefined, others: readonly string[]): boolean {
  return parseAccept(accept).some((r) => r.subtype === 'html') && negotiate(accept, ['text/html', ...others]) === 'text/html';
}
