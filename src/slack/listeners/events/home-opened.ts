import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseHomeState } from '../../blocks/home-view';
import { publishHome } from '../../home/publish-home';
import type { SlackEventHandler } from '../../inbox/slack-inbox';

interface RawHomeOpened {
  user?: string;
  tab?: string;
  // The Home Handoff published last, when there is one: it carries what the person was looking at.
  view?: { private_metadata?: string };
}

// Someone opened Handoff's Home tab: it is published fresh, on the tab, page and filters they left it on.
// A failure is retried by the inbox, which tells the person if it never works.
export function homeOpened(deps: RelayDeps, tenancy: Tenancy): SlackEventHandler {
  return {
    wants: (event) => {
      const e = event as RawHomeOpened;
      return e.tab === 'home' && typeof e.user === 'string';
    },
    handle: async (_eventId, event) => {
      const { user, view } = event as RawHomeOpened;
      await publishHome(deps, tenancy, user!, parseHomeState(view?.private_metadata));
    },
  };
}
