import { createHash } from 'node:crypto';
import { PAGE_SCRIPT } from './page-script';
import { BOT_GREETING } from './stand-in-bot';

const STYLE = `
  :root { font-family: system-ui, sans-serif; color: #1d1c1d; background: #f8f8f8; }
  body { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { margin-bottom: 0.25rem; }
  .lead { margin-top: 0; color: #555; }
  .hint { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 0.75rem 1rem; }
  .hint ol { margin: 0.5rem 0 0; padding-left: 1.25rem; }
  .notice-box { background: #fff4d6; border: 1px solid #e8c66b; border-radius: 8px; padding: 0.75rem 1rem; }
  .bar { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0 0.5rem; font-size: 0.9rem; }
  #status { font-weight: 600; }
  #live { color: #777; }
  #live[data-live="yes"] { color: #2b7a3d; }
  #transcript { list-style: none; margin: 0; padding: 0.75rem; background: #fff; border: 1px solid #ddd;
    border-radius: 8px; min-height: 14rem; max-height: 28rem; overflow-y: auto; }
  .line { margin: 0.5rem 0; }
  .line .who { font-size: 0.8rem; font-weight: 600; color: #555; }
  .line .text { margin: 0.1rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .line.customer { text-align: right; }
  .line.agent .who { color: #1264a3; }
  .line.agent .who::after { content: " · agent in Slack"; font-weight: 400; }
  .line.edited .text::after { content: " (edited)"; color: #777; }
  .line.deleted .text { color: #777; font-style: italic; }
  .line a { display: block; font-size: 0.9rem; }
  .notice { margin: 0.5rem 0; text-align: center; font-size: 0.85rem; color: #555; font-style: italic; }
  form { display: flex; gap: 0.5rem; margin-top: 0.5rem; }
  #text { flex: 1; padding: 0.5rem; font-size: 1rem; }
  button { padding: 0.5rem 0.9rem; font-size: 1rem; }
  #problem { color: #b00020; min-height: 1.2rem; }
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

// Only this page's own script and style run, found by their hashes; it talks to nothing but Handoff.
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hash(PAGE_SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// `repliesHere`: Handoff delivers its webhooks to this playground (no CUSTOMER_WEBHOOK_URL).
export function playgroundPage({ repliesHere }: { repliesHere: boolean }): string {
  const where = repliesHere
    ? `<p class="lead">Agents' replies come back here because <code>CUSTOMER_WEBHOOK_URL</code> is not set: Handoff sends
      its webhooks to this playground.</p>`
    : `<p class="notice-box"><strong>Replies go to your bot platform, not here.</strong> <code>CUSTOMER_WEBHOOK_URL</code>
      is set, so agents' replies and changes such as Take over are sent there. Alerts and what you type still
      reach Slack.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handoff Playground</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Handoff Playground</h1>
<p class="lead">Play a customer of a stand-in bot to check that alerts reach Slack and your team's answers reach the customer.</p>
${where}
<section class="hint" aria-label="What to do">
  <strong>Try it:</strong>
  <ol>
    <li>Type <strong>human</strong> (or press <em>Talk to a person</em>): an alert appears in your alerts channel in Slack.</li>
    <li>In Slack, press <em>Take over</em> on the alert, or reply in its thread: your reply shows here under your name.</li>
    <li>Press <em>Close</em> or <em>Restore to AI</em> on the alert, and see this page follow. What you type after the alert appears in its thread.</li>
  </ol>
</section>
<div class="bar"><span id="status" role="status"></span><span id="live">Connecting…</span></div>
<ul id="transcript" aria-live="polite">
  <li class="line bot"><span class="who">Bot</span><p class="text">${escapeHtml(BOT_GREETING)}</p></li>
</ul>
<form id="composer" autocomplete="off">
  <input id="text" name="text" maxlength="4000" placeholder="Write as the customer…" aria-label="Message" autofocus>
  <button type="submit">Send</button>
  <button type="button" id="talk">Talk to a person</button>
</form>
<p id="problem" role="alert"></p>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
