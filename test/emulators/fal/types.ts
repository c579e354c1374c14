// Public shapes of the emulator; index.ts re-exports them so callers import from one place.

export interface FalEmulatorOptions {
  port?: number;
  key?: string;
  generationMs?: number;
  queueMs?: number;
  concurrency?: number;
  imageLongSide?: number;
  nsfw?: (input: FalInput, index: number) => boolean;
  /**
   * The seed reported when the request sent none (default: fal's 0…2^32-1, edges often). A test may
   * return what real fal must never send (2 ** 64, 1.5) to see the bot refuse it.
   */
  drawSeed?: () => number;
}

export interface FalInput {
  prompt: string;
  seed?: number;
  guidance_scale?: number;
  num_images?: number;
  output_format?: 'jpeg' | 'png';
  safety_tolerance?: string;
  enhance_prompt?: boolean;
  aspect_ratio?: string;
  sync_mode?: boolean;
}

export interface FalRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the socket was reset by failNext(..., 'reset'). */
  status: number;
  receivedAt: number;
}

export interface FalJob {
  requestId: string;
  input: FalInput;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  canceled: boolean;
  seed: number;
  output?: unknown;
  error?: { status: number; body: unknown };
}

export type FalRoute = 'submit' | 'status' | 'result' | 'cancel' | 'image';

export interface FalInjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FalEmulator {
  readonly url: string;
  readonly key: string;
  readonly requests: FalRecordedRequest[];
  readonly jobs: FalJob[];
  inFlight(): number;
  readonly maxInFlight: number;
  pause(): void;
  resume(): void;
  failNext(route: FalRoute, response: FalInjectedResponse | 'reset', times?: number): void;
  failNextRun(error: { status: number; body: unknown }): void;
  waitForJob(predicate: (job: FalJob) => boolean, timeoutMs?: number): Promise<FalJob>;
  close(): Promise<void>;
}

export interface FalImageOutput {
  url: string;
  width: number;
  height: number;
  content_type: string;
}

export interface FalOutput {
  images: FalImageOutput[];
  seed: number;
  has_nsfw_concepts: boolean[];
  prompt: string;
  timings: { inference: number };
}
