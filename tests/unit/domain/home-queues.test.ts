import { HOME_PAGE_SIZE, closedSince, homeOpenSince, pageCount, pageWithin } from '../../../src/domain/home-queues';

describe('App Home queues', () => {
  it('counts an empty queue as one page, and a full last page as the last', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(HOME_PAGE_SIZE)).toBe(1);
    expect(pageCount(HOME_PAGE_SIZE + 1)).toBe(2);
    expect(pageCount(500)).toBe(25);
  });

  it('shows the last page there is when the queue got shorter than the page asked for', () => {
    expect(pageWithin(7, 30)).toBe(2);
    expect(pageWithin(0, 30)).toBe(1);
    expect(pageWithin(3, 500)).toBe(3);
  });

  it('counts closed from a week ago, and open Homes from ten minutes ago', () => {
    const now = new Date('2026-12-03T07:30:00.000Z');
    expect(closedSince(now).toISOString()).toBe('2026-11-26T07:30:00.000Z');
    expect(homeOpenSince(now).toISOString()).toBe('2026-12-03T07:20:00.000Z');
  });
});
