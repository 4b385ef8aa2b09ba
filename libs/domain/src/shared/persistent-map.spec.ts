import { PersistentMap } from './persistent-map';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('PersistentMap', () => {
  it('starts empty', () => {
    const map = PersistentMap.empty<number>();
    expect(map.size).toBe(0);
    expect(map.get('a')).toBeUndefined();
    expect(map.has('a')).toBe(false);
    expect(map.entries()).toEqual([]);
  });

  it('returns a new version on set and leaves the old one unchanged', () => {
    const empty = PersistentMap.empty<number>();
    const one = empty.set('a', 1);
    const two = one.set('b', 2);
    expect([empty.size, one.size, two.size]).toEqual([0, 1, 2]);
    expect(empty.get('a')).toBeUndefined();
    expect(one.get('b')).toBeUndefined();
    expect(two.get('a')).toBe(1);
    expect(two.get('b')).toBe(2);
    expect(one.entries()).toEqual([['a', 1]]);
  });

  it('returns a new version on delete and leaves the old one unchanged', () => {
    const before = PersistentMap.fromEntries([
      ['a', 1],
      ['b', 2],
    ]);
    const after = before.delete('a');
    expect(after.has('a')).toBe(false);
    expect(after.size).toBe(1);
    expect(before.get('a')).toBe(1);
    expect(before.size).toBe(2);
  });

  it('returns the same version when nothing changes', () => {
    const map = PersistentMap.empty<number>().set('a', 1);
    expect(map.set('a', 1)).toBe(map);
    expect(map.delete('missing')).toBe(map);
  });

  it('iterates in first insertion order, keeping a replaced key in place', () => {
    const map = PersistentMap.empty<string>().set('z', 'z1').set('a', 'a1').set('m', 'm1').set('z', 'z2');
    expect(map.keys()).toEqual(['z', 'a', 'm']);
    expect(map.values()).toEqual(['z2', 'a1', 'm1']);
  });

  it('keeps every version independent when several are built from the same one', () => {
    const base = PersistentMap.empty<number>().set('shared', 0);
    const left = base.set('left', 1);
    const right = base.set('right', 2).delete('shared');
    const leftAgain = left.set('shared', 10);
    expect(base.entries()).toEqual([['shared', 0]]);
    expect(left.entries()).toEqual([
      ['shared', 0],
      ['left', 1],
    ]);
    expect(right.entries()).toEqual([['right', 2]]);
    expect(leftAgain.entries()).toEqual([
      ['shared', 10],
      ['left', 1],
    ]);
    expect(base.get('shared')).toBe(0);
  });

  it('keeps insertion order in an older version after a key was deleted and re-read', () => {
    const abc = PersistentMap.fromEntries([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const withoutA = abc.delete('a');
    expect(withoutA.keys()).toEqual(['b', 'c']);
    expect(abc.keys()).toEqual(['a', 'b', 'c']);
    expect(withoutA.keys()).toEqual(['b', 'c']);
  });

  it('answers for a version thousands of changes old', () => {
    const versions: PersistentMap<number>[] = [PersistentMap.empty()];
    for (let i = 0; i < 20_000; i++) {
      versions.push(versions[i].set(`k${i % 500}`, i));
    }
    expect(versions[1].entries()).toEqual([['k0', 0]]);
    expect(versions[20_000].get('k0')).toBe(19_500);
    expect(versions[10].size).toBe(10);
    expect(versions[20_000].size).toBe(500);
  });

  it('behaves like an immutable copy-on-write record under random use of random versions', () => {
    const next = random(42);
    const versions: { map: PersistentMap<number>; model: Record<string, number> }[] = [
      { map: PersistentMap.empty(), model: {} },
    ];
    for (let step = 0; step < 3_000; step++) {
      const from = versions[Math.floor(next() * versions.length)];
      const key = `k${Math.floor(next() * 40)}`;
      if (next() < 0.3) {
        const { [key]: _removed, ...model } = from.model;
        versions.push({ map: from.map.delete(key), model });
      } else {
        versions.push({ map: from.map.set(key, step), model: { ...from.model, [key]: step } });
      }
      const probe = versions[Math.floor(next() * versions.length)];
      expect(probe.map.size).toBe(Object.keys(probe.model).length);
      expect(probe.map.get(key)).toBe(probe.model[key]);
    }
    for (const { map, model } of versions) {
      expect(map.toRecord()).toEqual(model);
    }
  });

  it('serialises as a plain object', () => {
    const map = PersistentMap.fromEntries([
      ['b', { n: 2 }],
      ['a', { n: 1 }],
    ]);
    expect(JSON.stringify({ map })).toBe('{"map":{"b":{"n":2},"a":{"n":1}}}');
  });
});
