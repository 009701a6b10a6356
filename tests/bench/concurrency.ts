// Runs task(0) … task(count - 1) with at most `concurrency` of them in flight, like that many clients in a loop.
export async function runConcurrently(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
}
