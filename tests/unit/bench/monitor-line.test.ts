import { parseMonitorLine } from '../../bench/counters/redis-commands';

// The Redis command counter reads MONITOR's feed itself; these are lines as Redis 7 writes them.
describe("reading a line of Redis's MONITOR feed", () => {
  it('takes the source and every argument, quotes and escapes undone', () => {
    expect(parseMonitorLine('+1796348790.450001 [0 127.0.0.1:51234] "SET" "q:job" "a \\"b\\" \\\\ \\n\\r\\t\\x00\\xff"')).toEqual({
      source: '127.0.0.1:51234',
      args: ['SET', 'q:job', 'a "b" \\ \n\r\t\u0000\u00ff'],
    });
  });

  it('knows a command a script ran', () => {
    expect(parseMonitorLine('+1796348940.414056 [0 lua] "HMGET" "p:slack:meta" "paused"')).toEqual({ source: 'lua', args: ['HMGET', 'p:slack:meta', 'paused'] });
  });

  it('takes an empty argument, and a command of no arguments', () => {
    expect(parseMonitorLine('+1.5 [3 unix:/tmp/redis.sock] "PING" ""')).toEqual({ source: 'unix:/tmp/redis.sock', args: ['PING', ''] });
    expect(parseMonitorLine('+1.5 [0 127.0.0.1:1] "MULTI"')).toEqual({ source: '127.0.0.1:1', args: ['MULTI'] });
  });

  it('passes over what is not a command line', () => {
    expect(parseMonitorLine('+OK')).toBeNull();
    expect(parseMonitorLine('-ERR unknown')).toBeNull();
  });
});
