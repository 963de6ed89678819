/**
 * Cleaning that a registry maintainer expects when reading another registry's export: HTML entities
 * decoded, the EDIH ` - N` level suffix split off and kept as a level, website cells checked, and
 * accent-insensitive matching keys. Values are never re-accented or otherwise invented: what the
 * source wrote is what is published; only matching looks through stripped accents.
 */
import { normaliseLabel } from '../vocab/concepts.js';
import { normaliseWebsite } from '../map/iri.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', hellip: '\u2026', euro: '\u20ac',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', middot: '\u00b7', bull: '\u2022', laquo: '\u00ab', raquo: '\u00bb',
};

/** Decodes HTML character references (`&amp;`, `&#39;`, `&#x2019;`); unknown names are left as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Control characters, surrogates and out-of-range code points stay as written.
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code < 0x20 && code !== 9 && code !== 10 && code !== 13) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Drops HTML tags (the JRC API's `digitizationLink` is an HTML fragment) and decodes entities. */
export function htmlToText(html: string): string {
  return decodeHtmlEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]*>/g, '')).replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

export interface LevelledLabel {
  label: string;
  level: number;
}

/**
 * Splits an EDIH `Formatted ...` cell: `Label - N, Label, with comma - N, ...`. Labels themselves
 * contain commas (and ` - `, as in "Audio-Visual sector - Media - 3"), so items end at the ` - N`
 * suffix, not at commas. Text that carries no level is returned in `rest`.
 */
export function splitLevelled(cell: string): { items: LevelledLabel[]; rest: string } {
  const items: LevelledLabel[] = [];
  const re = /\s*(.+?)\s+-\s+([1-5])\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(cell)) !== null) {
    items.push({ label: (m[1] as string).trim(), level: Number(m[2]) });
    last = re.lastIndex;
  }
  return { items, rest: cell.slice(last).trim() };
}

export type WebsiteCheck = { url: string; problem?: undefined } | { url?: undefined; problem: string };

/** A website cell: a URL to publish, or why it is not one (the word "Website", a relative path, a value cut with "…"). */
export function checkWebsite(raw: string): WebsiteCheck {
  const text = raw.trim();
  if (/…|\.\.\.$/.test(text)) return { problem: `website cut short in the export: ${JSON.stringify(text.slice(0, 80))}` };
  if (/^\//.test(text)) return { problem: `website is a relative catalogue path, not a URL: ${JSON.stringify(text.slice(0, 80))}` };
  if (!/[./]/.test(text)) return { problem: `website cell holds no address: ${JSON.stringify(text.slice(0, 80))}` };
  const site = normaliseWebsite(text);
  return site.url ? { url: site.url } : { problem: site.problem ?? 'not a URL' };
}

/** Accent-, case- and punctuation-insensitive key: "Andaluca" and "Andalucía" differ only by the stripped letter. */
export const foldKey = normaliseLabel;

/**
 * Key that also matches a spelling whose non-ASCII letters were dropped by a harvester
 * ("Pauwelsstrae" for "Pauwelsstraße", "Andaluca" for "Andalucía"): letters that do not fold to
 * ASCII are removed from both sides before comparing.
 */
export function strippedKey(text: string): string {
  return foldKey(text.normalize('NFC').replace(/[^\u0000-\u007f]/gu, '')).replace(/\s+/g, ' ').trim();
}

/** Trimmed, whitespace-collapsed cell text, or undefined when empty. */
export function cell(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}
