import { mentionedIds, toCustomerText } from '../../../src/relay/customer-text';

// Names as the caller looks them up from the ids mentionedIds returns.
const NAMES = {
  users: { U0AGENT42: 'Priya Shah', W0ENTLEAD7: 'Marco Rossi' },
  channels: { C024BE91L: 'billing' },
  userGroups: { S0614TZR7: 'support-leads' },
};

// Texts below are shaped as Slack delivers an agent's message in `event.text`: every literal <, > and &
// escaped, references in <…>.
function customerText(slackText: string): string {
  return toCustomerText(slackText, NAMES);
}

describe('mentionedIds', () => {
  it('collects the people, channels and user groups a reply refers to, once each, in order', () => {
    const text =
      '<@U0AGENT42> and <@W0ENTLEAD7|marco> will follow up; <@U0AGENT42> owns it. See <#C024BE91L> and <#C0GENERAL|general>, ' +
      'or ask <!subteam^S0614TZR7|@support-leads> and <!subteam^S0NIGHTS>.';
    expect(mentionedIds(text)).toEqual({
      users: ['U0AGENT42', 'W0ENTLEAD7'],
      channels: ['C024BE91L', 'C0GENERAL'],
      userGroups: ['S0614TZR7', 'S0NIGHTS'],
    });
  });

  it('finds ids in channel references newer clients send with an empty label', () => {
    expect(mentionedIds('moved to <#C024BE91L|>').channels).toEqual(['C024BE91L']);
  });

  it('ignores broadcasts, links, dates, and mentions the agent typed out literally', () => {
    const text = '<!here> <https://shop.example|shop> <!date^1700000000^{date}|Nov 14> &lt;@U123&gt; <mailto:a@shop.example>';
    expect(mentionedIds(text)).toEqual({ users: [], channels: [], userGroups: [] });
  });
});

describe('toCustomerText', () => {
  describe('mentions', () => {
    it('names a colleague the way the customer would say it', () => {
      expect(customerText('<@U0AGENT42> from billing will call you today')).toBe('@Priya Shah from billing will call you today');
      expect(customerText('cc <@W0ENTLEAD7>')).toBe('cc @Marco Rossi');
    });

    it('prefers the looked-up name, then the label Slack sent, then a neutral word', () => {
      expect(customerText('<@W0ENTLEAD7|marco>')).toBe('@Marco Rossi');
      expect(customerText('<@U0UNKNOWN|sam>')).toBe('@sam');
      expect(customerText('<@U0UNKNOWN>')).toBe('@someone');
    });

    it('names channels from the lookup or the label', () => {
      expect(customerText('<#C024BE91L>')).toBe('#billing');
      expect(customerText('<#C0GENERAL|general>')).toBe('#general');
      expect(customerText('<#C0GENERAL|>')).toBe('#channel');
    });

    it('spells broadcasts out instead of dropping them', () => {
      expect(customerText('<!here> <!channel> <!everyone> <!here|here>')).toBe('@here @channel @everyone @here');
    });

    it('names user groups from the lookup, the label without its @, or a neutral word', () => {
      expect(customerText('<!subteam^S0614TZR7|@support>')).toBe('@support-leads');
      expect(customerText('<!subteam^S0NIGHTS|@night-shift>')).toBe('@night-shift');
      expect(customerText('<!subteam^S0NIGHTS>')).toBe('@team');
    });

    it('does not look up a mention the agent typed out literally', () => {
      expect(customerText('type &lt;@U0AGENT42&gt; to ping')).toBe('type <@U0AGENT42> to ping');
    });
  });

  describe('dates', () => {
    it('shows the fallback text Slack keeps for clients that cannot format dates', () => {
      expect(customerText('Your parcel left on <!date^1700000000^{date_short_pretty}|Nov 14>.')).toBe('Your parcel left on Nov 14.');
    });

    it('shows the date in UTC when the fallback is missing', () => {
      expect(customerText('left <!date^1700000000^{date}>')).toBe('left 2023-11-14 22:13 UTC');
    });
  });

  describe('links', () => {
    it('turns a labelled link into a markdown link, with the & Slack escaped in the URL restored', () => {
      expect(customerText('Track it <https://shop.example/track?id=1042&amp;lang=en|on this page>.')).toBe(
        'Track it [on this page](https://shop.example/track?id=1042&lang=en).',
      );
    });

    it('shows a bare link as the URL', () => {
      expect(customerText('See <https://shop.example/returns>')).toBe('See https://shop.example/returns');
      expect(customerText('<https://shop.example/|https://shop.example/>')).toBe('https://shop.example/');
    });

    it('keeps what the agent typed when Slack linked it for them', () => {
      expect(customerText('go to <http://shop.example|shop.example>')).toBe('go to shop.example');
      expect(customerText('go to <https://shop.example/|shop.example>')).toBe('go to shop.example');
      expect(customerText('write to <mailto:help@shop.example|help@shop.example>')).toBe('write to help@shop.example');
      expect(customerText('<mailto:help@shop.example>')).toBe('help@shop.example');
    });

    it('keeps an email link with its own words as a markdown link', () => {
      expect(customerText('<mailto:help@shop.example|email us>')).toBe('[email us](mailto:help@shop.example)');
    });

    it('escapes what would end the markdown link early', () => {
      expect(customerText('<https://en.wikipedia.org/wiki/Return_(retail)|returns [guide]>')).toBe(
        '[returns \\[guide\\]](https://en.wikipedia.org/wiki/Return_%28retail%29)',
      );
    });

    it('leaves formatting characters inside a URL alone', () => {
      expect(customerText('*Docs:* <https://shop.example/a_b_c/*x*|manual>')).toBe('**Docs:** [manual](https://shop.example/a_b_c/*x*)');
    });
  });

  describe('formatting', () => {
    it('converts bold and strikethrough to markdown and keeps italics', () => {
      expect(customerText('*Good news:* the ~old~ _new_ order ships today')).toBe('**Good news:** the ~~old~~ _new_ order ships today');
    });

    it('converts formatting nested in italics and around references', () => {
      expect(customerText('_*really* sorry_, *<@U0AGENT42>* is on it')).toBe('_**really** sorry_, **@Priya Shah** is on it');
    });

    it.each([
      ['2*3*4 = 24', '2*3*4 = 24'],
      ['a * b * c', 'a * b * c'],
      ['snake_case_name', 'snake_case_name'],
      ['~5 days, maybe ~6', '~5 days, maybe ~6'],
      ['*not\nbold*', '*not\nbold*'],
      ['**already markdown**', '**already markdown**'],
    ])('leaves %j as it is: not Slack formatting', (text, shown) => {
      expect(customerText(text)).toBe(shown);
    });
  });

  describe('code', () => {
    it('keeps inline code exactly as typed, restoring the characters Slack escaped', () => {
      expect(customerText('Run `curl -H "a: b" *x* :smile: &lt;id&gt; &amp;&amp; echo` *now*')).toBe(
        'Run `curl -H "a: b" *x* :smile: <id> && echo` **now**',
      );
    });

    it('keeps a code block as typed, URLs and mentions Slack linked inside it included', () => {
      const text = '```curl <https://api.shop.example/v1/orders?id=1&amp;x=2>\n# ask <@U0AGENT42>, see <http://shop.example|shop.example>\n*x* :smile:```';
      expect(customerText(text)).toBe(
        '```curl https://api.shop.example/v1/orders?id=1&x=2\n# ask @Priya Shah, see shop.example\n*x* :smile:```',
      );
    });

    it('converts formatting around code but not inside it', () => {
      expect(customerText('*Use `a*b*c`*')).toBe('**Use `a*b*c`**');
    });
  });

  describe('emoji', () => {
    it('turns Slack emoji codes into emoji', () => {
      expect(customerText('Refund sent :tada: :white_check_mark::slightly_smiling_face:')).toBe('Refund sent 🎉 ✅🙂');
    });

    it("understands Slack's own names where they differ", () => {
      expect(customerText(':thumbsup: :simple_smile: :thinking_face: :hankey:')).toBe('👍 🙂 🤔 💩');
    });

    it('applies skin tones to emoji that take them', () => {
      expect(customerText(':+1::skin-tone-2: :wave::skin-tone-6: :v::skin-tone-4:')).toBe('👍🏻 👋🏿 ✌🏽');
    });

    it('drops a skin tone on emoji that cannot show one, and a stray one', () => {
      expect(customerText(':tada::skin-tone-3: done:skin-tone-3:')).toBe('🎉 done');
    });

    it("keeps a workspace's custom emoji as typed", () => {
      expect(customerText('Shipped :partyparrot: :partyparrot::skin-tone-3:')).toBe('Shipped :partyparrot: :partyparrot:');
    });

    it('finds a code right after a colon that opened nothing', () => {
      expect(customerText('Meet at 9:30:tada:')).toBe('Meet at 9:30🎉');
    });
  });

  describe('escaping', () => {
    it('restores the characters Slack escaped, in one pass', () => {
      expect(customerText('R&amp;D says 3 &lt; 4 &gt; 2; write &amp;lt; for &lt;')).toBe('R&D says 3 < 4 > 2; write &lt; for <');
    });

    it('turns a Slack quote back into a markdown quote', () => {
      expect(customerText('&gt; Where is my order?\nIt arrives Thursday.')).toBe('> Where is my order?\nIt arrives Thursday.');
    });

    it('shows typed text that looks like an internal placeholder as typed', () => {
      expect(customerText('Enter &lt;0&gt; then <https://shop.example|continue> &lt;1&gt;')).toBe(
        'Enter <0> then [continue](https://shop.example) <1>',
      );
    });
  });

  it('converts a whole agent reply as the customer would read it', () => {
    const text =
      'Hi Jane :wave::skin-tone-3: I checked with <@U0AGENT42> in <#C024BE91L>: *you were charged twice* for order `#1042`.\n' +
      '&gt; Refund issued <!date^1772366400^{date_short}|Mar 1>\n' +
      'Details: <https://shop.example/orders/1042?tab=refunds&amp;src=slack|your order page> — sorry! :pray:';
    expect(customerText(text)).toBe(
      'Hi Jane 👋🏼 I checked with @Priya Shah in #billing: **you were charged twice** for order `#1042`.\n' +
        '> Refund issued Mar 1\n' +
        'Details: [your order page](https://shop.example/orders/1042?tab=refunds&src=slack) — sorry! 🙏',
    );
  });
});
