// How many bytes of images the bot holds at once. Waiters are served strictly in the order they asked,
// so a burst is worked through in the queue's order, not in the order downloads happen to finish.

export interface ByteLease {
  /** What this lease counts now (an estimate is replaced by the real size once known). */
  readonly bytes: number;
  resize(bytes: number): void;
  /** Gives the bytes back; safe to call more than once. */
  release(): void;
}

interface Waiter {
  bytes: number;
  grant: (lease: ByteLease) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class ByteBudget {
  readonly limit: number;
  private heldBytes = 0;
  private peakBytes = 0;
  private holders = 0;
  private readonly queue: Waiter[] = [];

  constructor(limitBytes: number) {
    this.limit = limitBytes;
  }

  get held(): number {
    return this.heldBytes;
  }

  /** The most ever held at once (resizes included). */
  get peak(): number {
    return this.peakBytes;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves once `bytes` fit under the limit and everyone who asked earlier was served. A request larger
   * than the whole limit is granted when nothing else is held, so it is slow, never stuck.
   */
  acquire(bytes: number, signal?: AbortSignal): Promise<ByteLease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const wanted = Math.max(0, Math.ceil(bytes));
    if (this.queue.length === 0 && this.fits(wanted)) return Promise.resolve(this.grant(wanted));
    return new Promise<ByteLease>((resolve, reject) => {
      const waiter: Waiter = {
        bytes: wanted,
        grant: resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(signal?.reason);
          // The one that left may have been holding up those behind it.
          this.drain();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private fits(bytes: number): boolean {
    return this.holders === 0 || this.heldBytes + bytes <= this.limit;
  }

  private grant(bytes: number): ByteLease {
    let current = bytes;
    let released = false;
    this.add(current);
    this.holders++;
    const lease: ByteLease = {
      get bytes() {
        return current;
      },
      resize: (next: number) => {
        if (released) return;
        const size = Math.max(0, Math.ceil(next));
        this.add(size - current);
        current = size;
        this.drain();
      },
      release: () => {
        if (released) return;
        released = true;
        this.add(-current);
        this.holders--;
        this.drain();
      },
    };
    return lease;
  }

  private add(delta: number): void {
    this.heldBytes += delta;
    if (this.heldBytes > this.peakBytes) this.peakBytes = this.heldBytes;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.bytes)) {
      const next = this.queue.shift()!;
      next.signal?.removeEventListener('abort', next.onAbort);
      next.grant(this.grant(next.bytes));
    }
  }
}

// Bytes per pixel of fal's images, measured on the emulator's and fal's 1024 px outputs (JPEG ~300 KB,
// PNG ~1.5 MB), rounded up: an estimate only decides when a download may start, the real size replaces it.
const BYTES_PER_PIXEL = { jpeg: 0.35, png: 1.6 } as const;
const UNKNOWN_IMAGE_BYTES = 2 * 1024 * 1024;

/** What an image of fal's output will take before it is downloaded. */
export function estimateImageBytes(image: {
  width?: number;
  height?: number;
  content_type?: string;
}): number {
  if (!image.width || !image.height) return UNKNOWN_IMAGE_BYTES;
  const perPixel = image.content_type?.includes('png') ? BYTES_PER_PIXEL.png : BYTES_PER_PIXEL.jpeg;
  return Math.ceil(image.width * image.height * perPixel) + 16 * 1024;
}
