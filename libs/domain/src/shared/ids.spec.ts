import {
  ID_PATTERN,
  isValidId,
  partnerIdFromStreamId,
  partnershipStreamId,
  teammateIdFromStreamId,
  teammateStreamId,
} from './ids';

describe('ids', () => {
  it.each(['p1', 'A-b_9', 'x'.repeat(64)])('accepts %p', (id) => {
    expect(ID_PATTERN.test(id)).toBe(true);
    expect(isValidId(id)).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'a b', 'a/b', 'a:b', 'é'])('refuses %p', (id) => {
    expect(isValidId(id)).toBe(false);
  });

  it('names streams by aggregate and id, and reads the id back', () => {
    expect(partnershipStreamId('p1')).toBe('partnership-p1');
    expect(teammateStreamId('m1')).toBe('teammate-m1');
    expect(partnerIdFromStreamId('partnership-p-1')).toBe('p-1');
    expect(teammateIdFromStreamId('teammate-m_1')).toBe('m_1');
  });

  it.each(['teammate-m1', 'partnership-', 'partnership-a b', 'p1'])(
    'finds no partner id in %p',
    (streamId) => {
      expect(partnerIdFromStreamId(streamId)).toBeNull();
    },
  );

  it('finds no teammate id in a partnership stream', () => {
    expect(teammateIdFromStreamId('partnership-p1')).toBeNull();
  });
});
