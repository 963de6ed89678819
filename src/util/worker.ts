/**
 * Starting a worker thread on a sibling module, whether the code runs compiled (lib/*.js) or from
 * source under tsx (tests, benchmarks): Node 20 does not carry tsx's loader into a worker's entry,
 * so there the worker registers it first, then imports the TypeScript entry.
 */
import { MessageChannel, parentPort, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { relieveHeap } from './heap-governor.js';

/**
 * For a worker that lives through a build and takes one batch at a time (dumps, validation,
 * descriptions): a young generation of 8 MB instead of V8's default. Each isolate's young
 * generation fills before it is scavenged; at 30,000 hubs the build's peak went 992 -> 917 MB
 * with it, in the same time (4 MB: no lower, a little slower).
 */
export const STREAMING_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };

/** `name` is the module's file name without extension, resolved next to `fromUrl` (an import.meta.url). */
export function startWorker(name: string, fromUrl: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const fromSource = fromUrl.endsWith('.ts');
  const file = fileURLToPath(new URL(`./${name}${fromSource ? '.ts' : '.js'}`, fromUrl));
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!fromSource) return new Worker(file, { workerData, ...limits });
  // Resolved through the package folder: under a CommonJS transform import.meta.resolve is missing,
  // and require.resolve would pick tsx's CommonJS build.
  const tsxDir = dirname(createRequire(fromUrl).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`, { eval: true, workerData, ...limits });
}

/**
 * Text for workers as UTF-8 in shared memory: a worker's data is otherwise copied when the worker
 * starts, which for a dump of tens of megabytes costs the sending thread most of a second.
 */
export function sharedText(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
  Buffer.from(bytes.buffer, 0, bytes.byteLength).write(text, 'utf8');
  return bytes;
}

export function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The one message a one-shot worker sends back. */
type Answer<T> = { ok: true; value: T } | { ok: false; message: string; name: string };

/**
 * Starts a one-shot worker (see `answer`) and resolves with its answer. Its error comes back as
 * `errorFor(name, message)` (default: a plain Error), and a worker that ends without answering
 * (process.exit, out of memory) rejects instead of leaving the caller waiting.
 */
export function runWorker<T>(name: string, fromUrl: string, workerData: unknown, errorFor: (name: string, message: string) => Error = (_n, m) => new Error(m)): Promise<T> {
  return runWorkerWith<T>(name, fromUrl, workerData, errorFor).result;
}

function runWorkerWith<T>(name: string, fromUrl: string, workerData: unknown, errorFor: (name: string, message: string) => Error = (_n, m) => new Error(m)): { worker: Worker; result: Promise<T> } {
  const started = performance.now();
  const worker = startWorker(name, fromUrl, workerData);
  const result = new Promise<T>((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: Answer<T>) => {
      answered = true;
      if (process.env.DIH_TIMINGS) process.stderr.write(`timing: (worker ${name} answered ${(performance.now() - started).toFixed(0)} ms after its start)\n`);
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else reject(errorFor(m.name, m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`worker ${name} ended (exit code ${code}) without an answer`));
    });
  });
  return { worker, result };
}

/**
 * A long-lived worker asked one question at a time (or several queued): each `ask` posts its input
 * and resolves with the worker's answer to it, in order (the worker side is `answerEachInput`).
 * Whatever the worker loads or prepares from `workerData` (compiled shapes, say) is done once for
 * every question, not once per question. A worker that fails or ends fails every open and later
 * question; `close` ends it.
 *
 * Answers come on a port of their own, which `takeArrived` reads synchronously: a thread busy in
 * a long loop takes in what has arrived (calling each question's `onAnswer` there and then)
 * instead of leaving it queued, serialized outside its heap, until the loop ends.
 */
export interface SerialWorker<I, T> {
  /** Resolves with the worker's answer. */
  ask(input: I): Promise<T>;
  /**
   * `onAnswer` gets the answer as soon as it is taken in (by `takeArrived` or the event loop); the
   * promise only tells when, or that it failed. It does not hold the answer: a promise resolved
   * with it would keep it until this thread yields, which a long loop taking answers in never does.
   */
  send(input: I, onAnswer: (value: T) => void): Promise<void>;
  /** Takes in every answer that has arrived, now; how many. */
  takeArrived(): number;
  close(): Promise<void>;
}

export function serialWorker<I, T>(name: string, fromUrl: string, workerData: unknown): SerialWorker<I, T> {
  const worker = startWorker(name, fromUrl, workerData, STREAMING_WORKER_LIMITS);
  const answers = new MessageChannel();
  // The worker's first message: where to answer (answerEachInput).
  worker.postMessage({ answerTo: answers.port2 }, [answers.port2]);
  const waiting: { resolve: (value: T | undefined) => void; reject: (err: Error) => void; onAnswer: ((value: T) => void) | undefined }[] = [];
  let failure: Error | undefined;
  let closed = false;
  const fail = (err: Error): void => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(failure);
    answers.port1.close();
  };
  const received = (m: Answer<T>): void => {
    const next = waiting.shift();
    if (!next) return fail(new Error(`worker ${name} answered a question it was not asked`));
    if (!m.ok) return next.reject(new Error(m.message));
    if (!next.onAnswer) return next.resolve(m.value);
    try {
      next.onAnswer(m.value);
    } catch (err) {
      return next.reject(err as Error);
    }
    next.resolve(undefined);
  };
  const nextArrived = (): { message: unknown } | undefined => (failure || closed ? undefined : receiveMessageOnPort(answers.port1));
  const takeArrived = (): number => {
    let taken = 0;
    for (let m = nextArrived(); m; m = nextArrived()) {
      received(m.message as Answer<T>);
      taken++;
    }
    return taken;
  };
  const question = (input: I, onAnswer: ((value: T) => void) | undefined): Promise<T | undefined> => {
    if (closed) return Promise.reject(new Error(`worker ${name} was closed`));
    if (failure) return Promise.reject(failure);
    const answer = new Promise<T | undefined>((resolve, reject) => waiting.push({ resolve, reject, onAnswer }));
    worker.postMessage(input);
    return answer;
  };
  answers.port1.on('message', received);
  // Answers sent before the worker failed or ended are its questions' answers still: taken in first
  // (their port and the worker's events are not ordered with each other).
  worker.once('error', (err) => {
    takeArrived();
    fail(err);
  });
  worker.once('exit', (code) => {
    takeArrived();
    fail(new Error(closed ? `worker ${name} was closed` : `worker ${name} ended (exit code ${code}) with ${waiting.length} question(s) unanswered`));
  });
  return {
    ask(input) {
      return question(input, undefined) as Promise<T>;
    },
    async send(input, onAnswer) {
      await question(input, onAnswer);
    },
    takeArrived,
    async close() {
      closed = true;
      answers.port1.close();
      await worker.terminate();
    },
  };
}

/** Worker side of `serialWorker`: answers each piece of input, in the order they come, as `answer` does. */
export function answerEachInput<I, T>(task: (piece: I) => T | Promise<T>): void {
  let queue = Promise.resolve();
  let answerTo: MessagePort | undefined;
  parentPort?.on('message', (piece: I | { answerTo: MessagePort }) => {
    if (!answerTo) {
      answerTo = (piece as { answerTo: MessagePort }).answerTo;
      return;
    }
    const port = answerTo;
    queue = queue.then(() => answer(() => task(piece as I), port)).then(() => {
      relieveHeap();
    });
  });
}

/** Worker side of `runWorker`: posts the value of `task`, or its error, as the one answer. */
export async function answer<T>(task: () => T | Promise<T>, to: MessagePort | null = parentPort): Promise<void> {
  let reply: Answer<T>;
  try {
    reply = { ok: true, value: await task() };
  } catch (err) {
    const e = err as Error;
    reply = { ok: false, message: e.message, name: e.name };
  }
  try {
    to?.postMessage(reply, reply.ok ? ownBuffers(reply.value) : []);
  } catch {
    to?.postMessage(reply); // a buffer that cannot move (Node's pool): copied instead
  }
}

/**
 * The buffers of byte arrays in an answer (a Map, an array, or one array) that span their whole
 * buffer: moved to the caller instead of copied. The dumps of a 10,000-hub build are ~400 MB that
 * would otherwise exist twice until the worker ends.
 */
function ownBuffers(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (v instanceof Uint8Array) {
      if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
    } else if (v instanceof Map) for (const x of v.values()) visit(x);
    else if (Array.isArray(v)) for (const x of v) visit(x);
  };
  visit(value);
  return [...out];
}
