/**
 * Reader for catalogue pages (`.txt`): the prose page of one hub, read by the extractor into a
 * HubRecord whose every fact carries its text span and a confidence. A page that cannot be read
 * gives a diagnostic naming the file, never an exception.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { HubRecord } from '../model/record.js';
import { extractPage } from '../extract/page.js';

export interface PageReadResult {
  records: HubRecord[];
  diagnostics: Diagnostic[];
}

/** Registry name of a page: the folder it sits in (`sources/produtech/x.txt` -> `produtech`), else `page`. */
export function pageRegistry(file: string): string {
  const parts = file.split('/');
  const folder = parts.length > 1 ? (parts[parts.length - 2] as string) : '';
  const slug = folder.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'page';
}

export function readCataloguePage(text: string, file: string, base?: string): PageReadResult {
  try {
    const { record, diagnostics } = extractPage(text, { file, registry: pageRegistry(file), ...(base ? { base } : {}) });
    if (record) record.source.document = file.split('/').pop() ?? file;
    return { records: record ? [record] : [], diagnostics };
  } catch (err) {
    // An extractor bug must not take the build down with it: report it against the file.
    return { records: [], diagnostics: [{ severity: 'error', file, message: `page extraction failed: ${(err as Error).message}` }] };
  }
}
