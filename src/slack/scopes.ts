// The bot scopes manifest.yml asks for (a test keeps the two the same). An install through an account's link
// asks for incoming-webhook too, so the installer picks the alerts channel on Slack's own consent screen.
export const BOT_SCOPES = [
  'chat:write',
  'chat:write.customize',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'reactions:read',
  'reactions:write',
  'users:read',
  'files:read',
  'commands',
  'usergroups:read',
  'im:write',
] as const;

export const INSTALL_SCOPES = [...BOT_SCOPES, 'incoming-webhook'];
