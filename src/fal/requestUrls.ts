// Where a request's status, result and cancel live. fal returns these URLs at submit and asks us to
// prefer them; a restarted bot has only the stored id, so they can also be built from it (under the app
// id `fal-ai/flux-pro`, not the endpoint path).

export interface RequestUrls {
  remember(requestId: string, urls: { statusUrl?: string; responseUrl?: string; cancelUrl?: string }): void;
  forget(requestId: string): void;
  status(requestId: string): string;
  stream(requestId: string): string;
  result(requestId: string): string;
  cancel(requestId: string): string;
}

// Enough for every request a bot has in flight; the oldest are dropped first and then built from the id.
const REMEMBERED = 1000;

export function createRequestUrls(queueUrl: string, appId: string): RequestUrls {
  const base = queueUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const known = new Map<string, { status?: string; result?: string; cancel?: string }>();
  const built = (requestId: string) => `${base}/${appId}/requests/${encodeURIComponent(requestId)}`;
  // The key is sent to these URLs, so only ones on the queue's own origin are taken.
  const trusted = (url: string | undefined): string | undefined => {
    if (!url) return undefined;
    try {
      return new URL(url).origin === origin ? url : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    remember(requestId, urls) {
      const entry = {
        status: trusted(urls.statusUrl),
        result: trusted(urls.responseUrl),
        cancel: trusted(urls.cancelUrl),
      };
      known.delete(requestId);
      known.set(requestId, entry);
      if (known.size > REMEMBERED) known.delete(known.keys().next().value ?? '');
    },
    forget: (requestId) => void known.delete(requestId),
    status: (requestId) => known.get(requestId)?.status ?? `${built(requestId)}/status`,
    stream(requestId) {
      const url = new URL(known.get(requestId)?.status ?? `${built(requestId)}/status`);
      url.pathname += '/stream';
      return url.toString();
    },
    result: (requestId) => known.get(requestId)?.result ?? built(requestId),
    cancel: (requestId) => known.get(requestId)?.cancel ?? `${built(requestId)}/cancel`,
  };
}
