import { z } from 'zod';

const emailAddress = z.email({ pattern: z.regexes.unicodeEmail }).max(254);

/** A deliverable-looking address: one @, a dotted domain, no spaces or line breaks (no header injection). */
export function isEmailAddress(value: string): boolean {
  return emailAddress.safeParse(value).success;
}
