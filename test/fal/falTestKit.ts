// Shared by the gateway tests: emulators closed after each test, a gateway on a fast retry policy,
// a valid input, and a way to catch the FalError a call rejects with.
import { afterEach, expect } from 'vitest';
import type { FalKontextInput } from '../../src/core/endpoints/index.ts';
import type { RetryPolicy } from '../../src/core/retryPolicy.ts';
import { createFalGateway, type FalGateway } from '../../src/fal/falClient.ts';
import { FalError } from '../../src/fal/falErrors.ts';
import { type FalEmulator, type FalEmulatorOptions, startFalEmulator } from '../emulators/fal/index.ts';

const running: FalEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

export async function startFal(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const emu = await startFalEmulator(options);
  running.push(emu);
  return emu;
}

// Small delays keep retry tests fast; the rules are the production ones.
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 5_000 };

export function gateway(emu: FalEmulator, retry: Partial<RetryPolicy> = {}, key = emu.key): FalGateway {
  return createFalGateway({
    key,
    queueUrl: emu.url,
    retry: { ...FAST_RETRY, ...retry },
    allowHttpHosts: [new URL(emu.url).host],
  });
}

export function input(overrides: Partial<FalKontextInput> = {}): FalKontextInput {
  return {
    prompt: 'a red fox in fresh snow',
    guidance_scale: 3.5,
    num_images: 1,
    output_format: 'jpeg',
    safety_tolerance: '2',
    enhance_prompt: false,
    aspect_ratio: '1:1',
    ...overrides,
  };
}

export async function falError(work: Promise<unknown>): Promise<FalError> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FalError);
  return error as FalError;
}

export function requestsTo(emu: FalEmulator, pathEnd: string, method = 'GET') {
  return emu.requests.filter((r) => r.method === method && r.path.endsWith(pathEnd));
}

export const never = new AbortController().signal;
