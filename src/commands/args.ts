/** Argument parsing shared by the commands: node's parseArgs, with usage errors of our own. */

export class UsageError extends Error {}

/** Runs an argument parser, turning its complaints into usage errors (exit status 2). */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
