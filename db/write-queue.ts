/**
 * Runs asynchronous work one piece at a time, in arrival order: a SQLite file has one writer, and a
 * transaction that awaits must not let another begin on the same connection meanwhile.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished (for closing cleanly). */
  async idle(): Promise<void> {
    await this.tail;
  }
}
