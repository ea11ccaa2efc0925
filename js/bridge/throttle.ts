/** A frame, about: browser -> kernel messages are slow (~200/s), so bursts go together. */
const INTERVAL_MS = 16;

/**
 * Calls `flush` once for all the requests made in one task (on a microtask, so no latency is
 * added to a single change), and then at most once per interval while requests keep coming.
 */
export class Throttle {
  private scheduled = false;
  private last = -Infinity;

  constructor(private readonly flush: () => void) {}

  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.last + INTERVAL_MS - performance.now();
    if (wait <= 0) queueMicrotask(this.run);
    else setTimeout(this.run, wait);
  }

  private readonly run = () => {
    this.scheduled = false;
    this.last = performance.now();
    this.flush();
  };
}
