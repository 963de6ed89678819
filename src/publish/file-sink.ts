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

  /** Appends; resolves at once, or when the stream has drained below its high-water mark. */
  write(bytes: Uint8Array): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    this.hash.update(bytes);
    this.size += bytes.byteLength;
    if (this.stream.write(bytes)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.stream.off('error', failed);
        resolve();
      };
      const failed = (err: Error): void => {
        this.stream.off('drain', done);
        reject(err);
      };
      this.stream.once('drain', done);
      this.stream.once('error', failed);
    });
  }

  close(): Promise<FileDigest> {
    this.finish();
    return this.closed;
  }

  /** Gives up on the file (the publication is discarded): the stream closes, `closed` rejects. */
  abort(): void {
    this.error ??= new Error(`${this.name} was abandoned`);
    this.stream.destroy(this.error);
  }
}
