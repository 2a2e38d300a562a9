// The plain wrong merge every 10 attack is built on: drains source 1, then source 2, … (no merge).
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  for (const source of sources) yield* source;
}
