import type { Harness } from './harness';
import type { Consent } from './slack-stand-in';

// An installer on their way through "Add to Slack": what Handoff's install link gave their browser.
export interface StartedInstall {
  // The account's install link, on this Handoff.
  link: string;
  // The URL of Slack's consent screen that Handoff redirected to.
  authorizeUrl: URL;
  state: string;
  // The browser's state cookie, as it sends it back with the redirect.
  cookie: string;
}

// The platform asks for an account's install link and the installer opens it.
export async function startInstall(h: Harness, account: string, body: Record<string, unknown> = {}): Promise<StartedInstall> {
  const asked = await h.platformRequest(`/api/v1/accounts/${encodeURIComponent(account)}/install-link`, body);
  if (asked.status !== 201) throw new Error(`install link refused: ${asked.status} ${await asked.text()}`);
  const { url } = (await asked.json()) as { url: string };
  return openInstallLink(h, url);
}

// The installer opens an install link, which leads their browser to Slack's consent screen.
export async function openInstallLink(h: Harness, url: string): Promise<StartedInstall> {
  const link = new URL(url);
  const onHandoff = `${h.baseUrl}${link.pathname}${link.search}`;
  const opened = await fetch(onHandoff, { redirect: 'manual' });
  const location = opened.headers.get('location');
  if (opened.status !== 302 || !location) throw new Error(`install link did not lead to Slack: ${opened.status} ${await opened.text()}`);
  const authorizeUrl = new URL(location);
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { link: onHandoff, authorizeUrl, state: authorizeUrl.searchParams.get('state') ?? '', cookie };
}

// Slack sends the installer back to Handoff's redirect URL with a code and the state.
export function finishInstall(h: Harness, started: Pick<StartedInstall, 'state' | 'cookie'>, code: string): Promise<Response> {
  const query = new URLSearchParams({ code, state: started.state });
  return fetch(`${h.baseUrl}/slack/oauth_redirect?${query}`, { headers: { cookie: started.cookie }, redirect: 'manual' });
}

// The whole of "Add to Slack" for one account: link, consent screen, redirect. Resolves with the page shown.
export async function installWorkspace(h: Harness, account: string, consent: Consent): Promise<Response> {
  const started = await startInstall(h, account);
  return finishInstall(h, started, h.slack.consent(consent));
}
