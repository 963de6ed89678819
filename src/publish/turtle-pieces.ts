/**
 * A Turtle document written in pieces: triples go in (in publication order, as sortedTriples gives
 * them) a part at a time, and `take` gives the text made since the last take. One n3 Writer for the
 * whole document, so the prefixes come once at the top and a subject cut between two parts stays
 * one block: the text is toTurtle's, without holding every triple or the whole text at once.
 */
import type { Quad } from 'n3';
import { addCheckedTriples, addTriples, IriCachingWriter } from './serialize.js';

export interface TurtlePieces {
  add(triples: readonly Quad[]): void;
  /** add, for triples whose IRIs the caller has checked (checkIri). */
  addChecked(triples: readonly Quad[]): void;
  take(): string;
  /** Ends the document: the rest of its text. */
  end(): string;
}

export function turtlePieces(prefixes: Readonly<Record<string, string>>): TurtlePieces {
  let output = '';
  // n3 writes to anything with write and end, and both call back at once: the text is there after each call.
  const sink = {
    write(chunk: string, _encoding: string, done?: () => void): void {
      output += chunk;
      done?.();
    },
    end(done?: (err: null, result: string) => void): void {
      done?.(null, '');
    },
  };
  const writer = new IriCachingWriter(sink, { prefixes: { ...prefixes } });
  const take = (): string => {
    const text = output;
    output = '';
    return text;
  };
  return {
    add: (triples) => addTriples(writer, triples),
    addChecked: (triples) => addCheckedTriples(writer, triples),
    take,
    end() {
      writer.end();
      return take();
    },
  };
}
