/** MongoDB reports a unique-index violation as code 11000, whichever operation hit it. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
