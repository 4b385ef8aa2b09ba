import { StreamStateCache } from './stream-state.cache';

describe('the stream state cache', () => {
  const entry = (version: number) => ({ state: { version }, version, position: String(version), lastHash: null });

  it('forgets the least recently used stream when full', () => {
    const cache = new StreamStateCache(2);
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.version).toBe(1);
    expect(cache.get('c')?.version).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('replaces a stream entry and forgets on request', () => {
    const cache = new StreamStateCache(2);
    cache.set('a', entry(1));
    cache.set('a', entry(2));
    expect(cache.get('a')?.version).toBe(2);
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
