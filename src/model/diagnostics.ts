/**
 * Problems found in input, carried as data: each names the file, the line or record, and the field.
 * Readers return them next to the good records instead of throwing, so a bad record never hides
 * its good neighbours.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Input file, relative to the build's input root where possible. */
  file: string;
  /** 1-based line, or spreadsheet row. */
  line?: number;
  column?: number;
  /** Record identifier within the file. */
  record?: string;
  /** Field (YAML path, column name, JSON property) the problem is in. */
  field?: string;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) where += `:${d.line}`;
  if (d.column !== undefined) where += `:${d.column}`;
  const parts = [where];
  if (d.record !== undefined) parts.push(`record ${d.record}`);
  if (d.field !== undefined) parts.push(`field ${d.field}`);
  return `${parts.join(', ')}: ${d.severity}: ${d.message}`;
}

/** An error that stops a command; carries structured context like a Diagnostic. */
export class DihError extends Error {
  readonly context: Partial<Diagnostic>;
  constructor(message: string, context: Partial<Diagnostic> = {}) {
    super(message);
    this.name = 'DihError';
    this.context = context;
  }
}
