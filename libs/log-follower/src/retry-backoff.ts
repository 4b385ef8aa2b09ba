/** The wait after a failure: the first delay, doubling with each attempt up to the max; `interrupt()` ends it at once. */
export class RetryBackoff {
  private cancel: (() => void) | null = null;

  constructor(private readonly delayMs: { readonly initial: number; readonly max: number }) {}

  wait(attempts: number): Promise<void> {
    const ms = Math.min(this.delayMs.initial * 2 ** (attempts - 1), this.delayMs.max);
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.cancel = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cancel = done;
    });
  }

  interrupt(): void {
    this.cancel?.();
  }
}
