import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { STATUSES } from '../domain/conversation';
import { accountId, isoTime, parseBody } from '../http/schemas/common';
import type { PlaygroundStates } from './conversation-state';
import { playgroundConversationId } from './conversation-id';
import { callHandoffApi } from './handoff-api';
import { decideTurn, handedOver } from './stand-in-bot';

const turnRequest = z.object({
  conversationId: playgroundConversationId,
  // With many workspaces, the platform account whose Slack gets the alert (the page's ?account=).
  account: accountId.optional(),
  text: z.string().trim().min(1, 'is required').max(4000),
  talkToPerson: z.boolean().default(false),
  // What the customer and the bot said that Handoff has not seen yet; it becomes the alert's transcript.
  transcript: z
    .array(z.object({ role: z.enum(['customer', 'ai']), text: z.string().min(1).max(4000), at: isoTime }))
    .max(100)
    .default([]),
});

// An answer stored by an older Handoff says nothing about agents: take them to be there.
const alertAnswer = z.object({ status: z.enum(STATUSES), agentsAvailable: z.boolean().default(true) });

// The server's own port on loopback: the request reached Handoff there, so its API answers there too, whatever
// PUBLIC_URL says (a load balancer, a host name this process cannot resolve).
function ownApi(req: Request): string {
  return `http://127.0.0.1:${req.socket.localPort}`;
}

// One message the customer typed: the stand-in bot raises an alert, passes the message on, answers it, or a
// mix, through Handoff's public API. A refusal from the API is handed to the page as Handoff gave it.
export function customerTurn(states: PlaygroundStates, signingSecret: string): RequestHandler {
  return async (req, res) => {
    const turn = parseBody(turnRequest, req.body);
    const { conversationId, text } = turn;
    const account = turn.account === undefined ? {} : { account: turn.account };
    const state = await states.get(conversationId);
    const decided = decideTurn(text, turn.talkToPerson, state?.status);
    const at = new Date().toISOString();
    let status = state?.status ?? null;
    let { answer: said } = decided;
    if (decided.raiseAlert) {
      const answer = await callHandoffApi(ownApi(req), signingSecret, '/api/v1/handoffs', {
        ...account,
        conversationId,
        reason: 'human_request',
        summary: 'A test from the Handoff Playground: the customer asked for a person.',
        customer: { id: 'playground', name: 'Playground customer' },
        channel: { type: 'web', name: 'Handoff Playground' },
        transcript: [...turn.transcript, { role: 'customer', text, at }],
      });
      if (answer.status !== 202) return void res.status(answer.status).json(answer.body);
      const accepted = alertAnswer.parse(answer.body);
      status = accepted.status;
      said = handedOver(accepted.agentsAvailable);
      await states.set(conversationId, { status });
    } else if (decided.passOn) {
      const path = `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`;
      const answer = await callHandoffApi(ownApi(req), signingSecret, path, { ...account, id: `pm_${randomUUID()}`, text, at });
      if (answer.status !== 202) return void res.status(answer.status).json(answer.body);
    }
    res.json({ conversationId, status, raised: decided.raiseAlert, passedOn: decided.passOn, answer: said });
  };
}
