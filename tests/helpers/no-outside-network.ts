import nock from 'nock';

// Every test file runs with the network outside this machine switched off, so no test can reach real Slack,
// a real bot platform or anything else by mistake (a stand-in's URL left unset, a default base URL). The
// stand-ins, PostgreSQL and Redis all listen on loopback.

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

nock.disableNetConnect();
nock.enableNetConnect(isLoopback);

// The http module outlives this file in jest's worker: give it back unpatched for the next file.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
