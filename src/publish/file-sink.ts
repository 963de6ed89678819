/**
 * A file written piece by piece, with backpressure: a build in batches appends each batch's
 * N-Quads and N-Triples and must not queue the whole dump in memory when the disk is slower than
 * the writer. Size and SHA-256 come from the bytes as they pass, so the catalogue never reads the
 * file back.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import type { FileDigest } from './catalog.js';

export class FileSink {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private size = 0;
  private error: Error | undefined;
  /** Settles once the file is closed: its digest, or the first error of any write. */
  readonly closed: Promise<FileDigest>;
  private finish!: () => void;

  constructor(path: string, readonly name: string) {
    this.stream = createWriteStream(path);
    this.closed = new Promise<FileDigest>((resolve, reject) => {
      this.stream.once('error', (err) => {
        this.error ??= err;
        reject(err);
      });
      this.finish = () => this.stream.end(() => (this.error ? reject(this.error) : resolve({ byteSize: this.size, sha256: this.hash.digest('hex') })));
    });
    this.closed.catch(() => undefined); // awaited by whoever closes it, and by the stage
  }

  /** Settles when the stream has drained the last write that filled it (undefined: nothing waits). */
  private draining: Promise<void> | undefined;

  /**
   * Appends. Resolves at once when the previous piece has reached the file, else when it has:
   * one piece may be in flight while the caller makes the next (a batch's 60 MB take the disk
   * a moment the caller would otherwise spend waiting), never two.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.draining) await this.draining;
    if (this.error) throw this.error;
    this.hash.update(bytes);
    this.size += bytes.byteLength;
    if (this.stream.write(bytes)) return;
    // Settles on drain or on error; an error is kept in this.error (constructor) for the next call.
    const drained: Promise<void> = new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        if (this.draining === drained) this.draining = undefined;
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
    this.draining = drained;
  }

  async close(): Promise<FileDigest> {
    if (this.draining) await this.draining;
    this.finish();
    return this.closed;
  }

  /** Gives up on the file (the publication is discarded): the stream closes, `closed` rejects. */
  abort(): void {
    this.error ??= new Error(`${this.name} was abandoned`);
    this.stream.destroy(this.error);
  }
}
