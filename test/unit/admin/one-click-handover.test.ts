import type { Request } from 'express';
import { createOneClickHandover } from '../../../src/admin/one-click-handover';
import { createTextSealer } from '../../../src/outbox/text-sealer';

const HANDOVER = {
  password: 'Kx7q-Mt3p-Wz9r-Hc4n',
  passwordExpiresAt: new Date('2030-01-01T00:00:00Z'),
  ticketRef: 'INC0012345',
};

function requestWithSession(): Request {
  return { session: {} } as unknown as Request;
}

describe('one-click handover', () => {
  const now = new Date('2029-12-31T00:00:00Z');
  const keeper = createOneClickHandover(createTextSealer('key-one', 'handover'), () => now);

  test('when it is kept and taken for the same account, then it comes back once and the session holds it only sealed', () => {
    const req = requestWithSession();
    keeper.keep(req, 'user-1', HANDOVER);
    expect(JSON.stringify(req.session)).not.toContain(HANDOVER.password);
    expect(keeper.take(req, 'user-1')).toEqual(HANDOVER);
    expect(keeper.take(req, 'user-1')).toBeNull();
  });

  test('when it is taken for another account, then nothing comes back and it is gone', () => {
    const req = requestWithSession();
    keeper.keep(req, 'user-1', HANDOVER);
    expect(keeper.take(req, 'user-2')).toBeNull();
    expect(keeper.take(req, 'user-1')).toBeNull();
  });

  test('when the key changed since it was sealed, then it counts as gone instead of failing the request', () => {
    const req = requestWithSession();
    keeper.keep(req, 'user-1', HANDOVER);
    const rotated = createOneClickHandover(createTextSealer('key-two', 'handover'), () => now);
    expect(rotated.take(req, 'user-1')).toBeNull();
    expect(req.session.oneClickHandover).toBeUndefined();
  });
});
