// Slack's "Create New App" page with a manifest filled in: the person picks a workspace and confirms, instead
// of copying the manifest by hand.
const CREATE_APP_PAGE = 'https://api.slack.com/apps';

export function createAppLink(manifest: object): string {
  return `${CREATE_APP_PAGE}?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(manifest))}`;
}
