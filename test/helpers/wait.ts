/** Polls until `predicate` holds (or fails the test after `timeoutMs`). For events that arrive on their own time. */
export async function waitFor(predicate: () => boolean, timeoutMs = 20_000, what = 'the condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
