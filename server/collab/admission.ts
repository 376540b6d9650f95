// Admission control for websocket upgrades. A node that restarts under a thousand waiting
// clients gets all of them within a second or two (their backoff is jittered, see
// app/editor/reconnect.ts, but they still come). Each join costs a session check, a permission
// check and possibly a document load; started all at once they would starve each other and the
// pages being served. So at most `maxActive` joins run at a time, up to `maxWaiting` wait their
// turn in arrival order, and beyond that an upgrade is refused at once with 503, which the
// client answers by backing off and trying again.
export class JoinGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly maxActive: number,
    readonly maxWaiting: number,
  ) {}

  /** Resolves with the function that frees the place, or null when the queue is full. */
  enter(): Promise<() => void> | null {
    if (this.active < this.maxActive) {
      this.active += 1;
      return Promise.resolve(this.release());
    }
    if (this.queue.length >= this.maxWaiting) return null;
    return new Promise((resolve) =>
      this.queue.push(() => {
        this.active += 1;
        resolve(this.release());
      }),
    );
  }

  /** Joins running and waiting now. */
  load() {
    return { active: this.active, waiting: this.queue.length };
  }

  private release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.queue.shift()?.();
    };
  }
}
