/**
 * The one normalization for usernames, used for storing and for every lookup: trim, Unicode NFKC
 * (full-width and compatibility forms fold to their plain letters), then locale-independent lower-case.
 * Look-alikes from other scripts (e.g. the dotless ı) stay distinct on purpose.
 */
export function normalizeUsername(input: string): string {
  return input.trim().normalize('NFKC').toLowerCase();
}
