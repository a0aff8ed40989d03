/** Polls `condition` every `pollMs` until it holds or `budgetMs` passes; true when it held. */
export async function waitFor(condition: () => boolean, budgetMs: number, pollMs = 2): Promise<boolean> {
  const deadline = performance.now() + budgetMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}
