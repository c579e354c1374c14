// The status object fal returns from /status and pushes on /status/stream.
import type { JobLog, JobQueue, JobState } from './jobs.ts';

/** Status, result and cancel live under the app path, not the endpoint path (as on queue.fal.run). */
export const APP_PATH = '/fal-ai/flux-pro';
export const ENDPOINT_PATH = '/fal-ai/flux-pro/kontext/text-to-image';

export function requestUrls(base: string, requestId: string) {
  const response = `${base}${APP_PATH}/requests/${requestId}`;
  return { response_url: response, status_url: `${response}/status`, cancel_url: `${response}/cancel` };
}

// fal's status carries the run error as a message plus its type, taken from the pydantic-style detail.
function describeError(body: unknown): { error: string; error_type?: string } {
  const detail =
    typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  if (typeof detail === 'string') return { error: detail };
  const first: unknown = Array.isArray(detail) ? detail[0] : undefined;
  if (typeof first === 'object' && first !== null) {
    const { msg, type } = first as { msg?: unknown; type?: unknown };
    return {
      error: String(msg ?? 'Request failed'),
      ...(typeof type === 'string' ? { error_type: type } : {}),
    };
  }
  return { error: 'Request failed' };
}

export function statusBody(
  queue: JobQueue,
  state: JobState,
  base: string,
  logs: JobLog[] | undefined,
): Record<string, unknown> {
  const { job } = state;
  const body: Record<string, unknown> = {
    status: job.status,
    request_id: job.requestId,
    ...requestUrls(base, job.requestId),
  };
  if (job.status === 'IN_QUEUE') body.queue_position = queue.queuePosition(state);
  if (logs) body.logs = logs;
  if (job.status === 'COMPLETED') {
    const ran = job.startedAt !== undefined && job.completedAt !== undefined;
    body.metrics = ran ? { inference_time: (job.completedAt! - job.startedAt!) / 1000 } : {};
    if (job.error) Object.assign(body, describeError(job.error.body));
  }
  return body;
}
