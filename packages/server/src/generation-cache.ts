/**
 * Values kept while a generation number stays the same (the register's event count, see
 * EventHistory.generation), the oldest dropped beyond a size.
 */
export class GenerationCache<T> {
  private readonly entries = new Map<string, { generation: number; value: T }>();

  constructor(private readonly size: number) {}

  get(key: string, generation: number): T | undefined {
    const entry = this.entries.get(key);
    return entry?.generation === generation ? entry.value : undefined;
  }

  set(key: string, generation: number, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { generation, value });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
  }
}
