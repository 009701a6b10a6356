// The page's script, sent inline and allowed by its hash. Plain browser JavaScript, no build step. Everything
// the customer, the bot or an agent wrote goes in with textContent: no text ever becomes HTML.
export const PAGE_SCRIPT = String.raw`
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const transcript = $('transcript');
  const statusBox = $('status');
  const live = $('live');
  const form = $('composer');
  const input = $('text');
  const talk = $('talk');
  const problem = $('problem');
  const base = location.pathname.replace(/\/+$/, '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const conversationId = 'play_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  // With many workspaces, ?account= names the platform account whose Slack gets the alert.
  const account = new URLSearchParams(location.search).get('account') || undefined;
  // Lines Handoff has not seen: they become the transcript of the next alert.
  const unseen = [];
  const replies = new Map();
  let sending = false;

  function addLine(who, text, kind) {
    const item = document.createElement('li');
    item.className = 'line ' + kind;
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = who;
    const body = document.createElement('p');
    body.className = 'text';
    body.textContent = text;
    item.append(name, body);
    transcript.append(item);
    item.scrollIntoView({ block: 'end' });
    return item;
  }

  function addNotice(text) {
    const item = document.createElement('li');
    item.className = 'notice';
    item.textContent = text;
    transcript.append(item);
    item.scrollIntoView({ block: 'end' });
  }

  function addFiles(item, files) {
    for (const file of files || []) {
      if (!/^https?:\/\//.test(file.url)) continue;
      const link = document.createElement('a');
      link.href = file.url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = file.name;
      item.append(link);
    }
  }

  const STATUS = {
    ai: () => 'The bot is answering',
    waiting: () => 'Waiting for someone to pick this up in Slack',
    human: (agent) => (agent || 'An agent') + ' has taken over',
    closed: (agent) => 'Closed' + (agent ? ' by ' + agent : ''),
  };
  function showStatus(status, agent) {
    const label = STATUS[status] || STATUS.ai;
    statusBox.textContent = label(agent);
    statusBox.dataset.status = status;
  }

  function noteForBot(e) {
    return e.note ? ', with a note for the bot: “' + e.note + '”' : '';
  }

  const CHANGE = {
    taken_over: (e) => e.actor + ' took over the conversation',
    assigned: (e) => e.actor + ' assigned the conversation',
    tagged: (e) => e.actor + ' tagged it: ' + (e.tags.join(', ') || 'no tags'),
    closed: (e) => e.actor + ' closed the conversation' + noteForBot(e),
    restored: (e) => e.actor + ' handed the conversation back to the bot' + noteForBot(e),
    reopened: (e) => e.actor + ' reopened the conversation',
  };

  function showReply(e) {
    let item = replies.get(e.messageId);
    if (!item) {
      item = addLine(e.agent, e.text, 'agent');
      addFiles(item, e.files);
      replies.set(e.messageId, item);
    } else if (e.kind === 'reply_edited') {
      item.querySelector('.text').textContent = e.text;
      item.classList.add('edited');
    }
  }

  function onEvent(e) {
    if (e.kind === 'reply' || e.kind === 'reply_edited') showReply(e);
    else if (e.kind === 'reply_deleted') {
      const item = replies.get(e.messageId);
      if (item) {
        item.querySelector('.text').textContent = 'This message was deleted';
        item.classList.add('deleted');
      }
    } else if (e.kind === 'change' && CHANGE[e.change]) {
      addNotice(CHANGE[e.change](e));
      showStatus(e.status, e.actor);
    } else if (e.kind === 'state') showStatus(e.status, e.agent);
  }

  const events = new EventSource(base + '/events?conversation=' + conversationId);
  events.addEventListener('ready', () => {
    live.textContent = 'Live: what happens in Slack shows here as it happens';
    live.dataset.live = 'yes';
  });
  events.onmessage = (m) => onEvent(JSON.parse(m.data));
  events.onerror = () => {
    live.textContent = 'Reconnecting to Handoff…';
    live.dataset.live = 'no';
  };

  async function send(text, talkToPerson) {
    if (sending) return;
    sending = true;
    problem.textContent = '';
    const at = new Date().toISOString();
    addLine('You', text, 'customer');
    try {
      const res = await fetch(base + '/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, account, text, talkToPerson, transcript: unseen.slice(-100) }),
      });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(answer.message || 'Handoff answered ' + res.status);
      if (answer.raised) {
        unseen.length = 0;
        showStatus(answer.status);
      } else if (!answer.passedOn) unseen.push({ role: 'customer', text, at });
      if (answer.answer) {
        addLine('Bot', answer.answer, 'bot');
        if (!answer.raised) unseen.push({ role: 'ai', text: answer.answer, at: new Date().toISOString() });
      }
    } catch (err) {
      problem.textContent = 'Not sent: ' + err.message;
    } finally {
      sending = false;
      input.focus();
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || sending) return;
    input.value = '';
    send(text, false);
  });
  talk.addEventListener('click', () => {
    if (sending) return;
    const text = input.value.trim() || 'I would like to talk to a person.';
    input.value = '';
    send(text, true);
  });
  showStatus('ai');
})();
`;
