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
  /** Leave `has_nsfw_concepts` out of results, as fal may (the bot must not count images by it). */
  omitNsfwFlags?: boolean;
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
  /** Edit endpoints (`…/kontext`, `…/kontext/max`). */
  image_url?: string;
  /** Multi endpoints (`…/kontext/multi`, `…/kontext/max/multi`), in the order sent. */
  image_urls?: string[];
}

/** One input image as the run fetched it, so a test can check what fal actually received. */
export interface FalInputImage {
  url: string;
  sha256: string;
  /** Size in bytes. */
  bytes: number;
  contentType: string;
}

/** One file put through the storage upload API (initiate, then PUT to upload_url). */
export interface FalUpload {
  /** From the initiate body. */
  fileName: string;
  contentType: string;
  /** `?storage_type=` on initiate (the client sends fal-cdn-v3). */
  storageType: string | undefined;
  /** Parsed `X-Fal-Object-Lifecycle` header of initiate, if sent. */
  lifecycle: unknown;
  uploadUrl: string;
  fileUrl: string;
  /** Undefined until the PUT arrived. */
  data?: Buffer;
  sha256?: string;
  /** Content-Type header of the PUT. */
  putContentType?: string;
}

export interface FalRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the socket was reset by failNext(..., 'reset') or never answered. */
  status: number;
  /** For a streamed injected body: the bytes handed to the socket before the client went away. */
  bytesSent?: number;
  receivedAt: number;
}

export interface FalJob {
  requestId: string;
  /** Endpoint id the job was submitted to, e.g. `fal-ai/flux-pro/kontext`. */
  endpoint: string;
  input: FalInput;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  canceled: boolean;
  seed: number;
  output?: unknown;
  error?: { status: number; body: unknown };
  /** Edit endpoints: what the run fetched for each input URL, in input order (set when it ran). */
  inputImages?: FalInputImage[];
}

export type FalRoute =
  | 'submit'
  | 'status'
  | 'result'
  | 'cancel'
  | 'image'
  | 'storage-initiate'
  | 'storage-upload';

export interface FalInjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Instead of `body`: a body generated as it is sent, never held in memory (a huge or endless answer). */
  stream?: FalStreamedBody;
}

export interface FalStreamedBody {
  /** Total size; the stream ends there unless the client goes away first. */
  bytes: number;
  /** Sent first, e.g. `data: ` to start an SSE line that never ends. */
  prefix?: string;
  /** Repeated to fill the rest (default `x`). */
  fill?: string;
  /** Default application/json. No content-length is sent: the client must count. */
  contentType?: string;
  /** Bytes per write (default 64 KiB); with `intervalMs`, one write per interval (a slow peer). */
  chunkBytes?: number;
  intervalMs?: number;
}

/**
 * Faults beyond an answer. `reset`: the socket is destroyed after the request was read (nothing done).
 * `queue-then-reset` / `queue-then-stall` (submit only): the job is queued, and billed as on fal, and
 * then the socket is destroyed / never answered: the client cannot know it was queued.
 */
export type FalFault = 'reset' | 'queue-then-reset' | 'queue-then-stall';

/** Image downloads held open until released, to observe how many a client runs at once. */
export interface FalImageHold {
  /** Image requests waiting now. */
  held(): number;
  /** Resolves once `count` image requests are waiting. */
  waitForHeld(count: number, timeoutMs?: number): Promise<void>;
  /** Serves every held request and stops holding. */
  release(): void;
}

export interface FalEmulator {
  /** Queue API base (stands for https://queue.fal.run). */
  readonly url: string;
  /** REST API base (stands for https://rest.fal.ai): storage upload. */
  readonly restUrl: string;
  /** Storage uploads, in initiate order. */
  readonly uploads: FalUpload[];
  readonly key: string;
  readonly requests: FalRecordedRequest[];
  readonly jobs: FalJob[];
  inFlight(): number;
  readonly maxInFlight: number;
  pause(): void;
  resume(): void;
  failNext(route: FalRoute, response: FalInjectedResponse | FalFault, times?: number): void;
  /** Holds every image download from now until `release()`. */
  holdImages(): FalImageHold;
  /**
   * Every result image issued so far answers 404, to runs that fetch it as input as well, as when fal's
   * CDN no longer keeps an output (uploads stay).
   */
  expireFiles(): void;
  /** Most image downloads ever in flight at once. */
  readonly maxImagesInFlight: number;
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
  has_nsfw_concepts?: boolean[];
  prompt: string;
  timings: { inference: number };
}
