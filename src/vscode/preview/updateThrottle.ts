/**
 * Runs at once when idle, then at most once per interval while calls keep coming; a call during the wait only
 * makes sure one more run happens at the end, and that run reads the newest state, so stale work is skipped.
 */
export class UpdateThrottle {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.#timer !== undefined) return;
    const wait = this.#lastRun + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.#fire();
    } else {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#fire();
      }, wait);
    }
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    this.#lastRun = Date.now();
    this.run();
  }
}
