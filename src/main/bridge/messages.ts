import type { ZodError } from 'zod';

/** Longest message shown to a user (the contract's error event allows 4000). */
const MAX_MESSAGE = 1000;

/** One line naming what is wrong, e.g. "startRun: params.workers: workers must be at most 64". */
export function describeZodError(context: string, error: ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return oneLine(`${context}: ${parts.join('; ')}${more}`);
}

/** What an exception says, as one bounded line for a user. */
export function userMessage(error: unknown): string {
  if (error instanceof Error) return oneLine(error.message || error.name);
  return oneLine(String(error));
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

/** An error whose message is already meant for the user (bad input, wrong state). */
export class UserError extends Error {
  override name = 'UserError';
}
