// Answers from Slack that change rarely, kept for a while so a hot path does not ask Slack each time: a
// change reaches Handoff within `freshForMs`. Callers asking at the same moment share one request; a failure
// is not kept, so the next caller asks again.
export class Remembered<T> {
  private readonly known = new Map<string, { value: Promise<T>; until: number }>();

  constructor(private readonly freshForMs: number) {}

  get(key: string, fetch: () => Promise<T>): Promise<T> {
    const hit = this.known.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    // Fresh from the moment the answer arrives; until then, as long as the request takes.
    const entry = { value: fetch(), until: Number.POSITIVE_INFINITY };
    this.known.set(key, entry);
    entry.value.then(
      () => (entry.until = Date.now() + this.freshForMs),
      () => {
        if (this.known.get(key) === entry) this.known.delete(key);
      },
    );
    return entry.value;
  }

  forget(key: string): void {
    this.known.delete(key);
  }
}
