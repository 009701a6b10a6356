import { DEFAULT_RESPONSE_TARGETS, parseResponseTargets } from '../../../src/domain/response-targets';

describe('parseResponseTargets', () => {
  it('reads a target in seconds for each priority named', () => {
    expect(parseResponseTargets('urgent:120, high:600,normal:1800,low:7200')).toEqual({ targets: { urgent: 120, high: 600, normal: 1800, low: 7200 } });
  });

  it('keeps the default of a priority left out', () => {
    expect(parseResponseTargets('urgent:60')).toEqual({ targets: { ...DEFAULT_RESPONSE_TARGETS, urgent: 60 } });
  });

  it('names every bad part as it was written', () => {
    expect(parseResponseTargets('urgent:5m,critical:60,high:30,normal:90,normal:100')).toEqual({
      problems: [
        '"urgent:5m" must give a whole number of seconds from 60 to 604800',
        '"critical:60" must be <priority>:<seconds> with a priority of low, normal, high, urgent',
        '"high:30" must give a whole number of seconds from 60 to 604800',
        '"normal:100" sets normal a second time',
      ],
    });
  });
});
