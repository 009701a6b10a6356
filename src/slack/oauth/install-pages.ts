// The pages an installer sees in their browser at the end of "Add to Slack". Everything shown comes from
// Slack or the platform, so all of it is escaped.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.5rem}a{color:#2563eb}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function connectedPage(p: { teamName: string | null; alertsChannel: string; returnUrl: string | null }): string {
  const team = p.teamName ? ` to ${escapeHtml(p.teamName)}` : '';
  const back = p.returnUrl ? `<p><a href="${escapeHtml(p.returnUrl)}">Continue</a></p>` : '<p>You can close this page.</p>';
  return page('Handoff is connected', `<p>Handoff is connected${team}. Alerts will be posted in the channel you chose (${escapeHtml(p.alertsChannel)}).</p>${back}`);
}

export function installFailedPage(why: string): string {
  return page('Handoff could not be connected', `<p>${escapeHtml(why)}</p><p>Ask for a new install link and try again.</p>`);
}
