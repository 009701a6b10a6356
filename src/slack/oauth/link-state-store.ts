import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { Database } from '../../db/client';
import { addOAuthState, takeOAuthState } from '../../db/repositories/install-links';

// How long an installer has on Slack's consent screen before the state runs out.
const STATE_TTL_MS = 10 * 60_000;

// What the state carries to the redirect: the link it started from, read back from PostgreSQL.
export interface LinkMetadata {
  linkId: string;
  account?: string;
  returnUrl?: string | null;
}

// The OAuth state of one trip through Slack's consent screen: random, signed with SLACK_STATE_SECRET so a
// forged one is refused before any lookup, stored so it is good once and only for a while, and tied to the
// install link it started from (any replica can answer the redirect).
export class LinkStateStore implements StateStore {
  constructor(
    private readonly db: Database,
    private readonly secret: string,
  ) {}

  async generateStateParam(options: InstallURLOptions, now: Date): Promise<string> {
    const { linkId } = JSON.parse(options.metadata ?? '{}') as LinkMetadata;
    const id = randomBytes(24).toString('base64url');
    await addOAuthState(this.db, { id, linkId, expiresAt: new Date(now.getTime() + STATE_TTL_MS) });
    return `${id}.${this.sign(id)}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [id, signature] = state.split('.');
    if (!id || !signature || !this.signedHere(id, signature)) throw new InvalidStateError('The state parameter was not made by Handoff');
    const link = await takeOAuthState(this.db, id, now);
    if (!link) throw new InvalidStateError('The state parameter was used already, or has expired');
    const metadata: LinkMetadata = { linkId: link.id, account: link.account, returnUrl: link.returnUrl };
    return { scopes: [], metadata: JSON.stringify(metadata) };
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }

  private signedHere(id: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
