import { post } from '../outbound/post';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

// What the Web API client calls in place of fetch: its calls are form-encoded POSTs, sent by node's http
// client (see outbound/post.ts). Anything else it might send (a file upload's multipart body) goes by fetch.
export const slackFetch: typeof fetch = async (input, init) => {
  const body = init?.body;
  if (init?.method !== 'POST' || typeof body !== 'string') return fetch(input, init);
  const answer = await post(String(input), Object.fromEntries(new Headers(init.headers).entries()), body, { ...(init.signal && { signal: init.signal }) });
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // A Response with a null-body status must have no body at all, not even an empty one.
  return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers });
};
