import {
  asDeliveryError,
  DeliveryError,
  gatewayStatusError,
  gatewayUnreachableError,
  toDeliveryError,
} from '../../src/outbox/delivery';

describe('SMTP failure classification', () => {
  it.each([
    [
      { code: 'EENVELOPE', responseCode: 550, permanent: true },
      true,
      'EENVELOPE 550: sender or recipient rejected',
    ],
    [
      { code: 'EENVELOPE', responseCode: 450, permanent: false },
      false,
      'EENVELOPE 450: sender or recipient rejected',
    ],
    [{ code: 'EENVELOPE', responseCode: 452 }, false, 'EENVELOPE 452: sender or recipient rejected'],
    [{ code: 'EENVELOPE' }, true, 'EENVELOPE: sender or recipient rejected'],
    [{ code: 'EMESSAGE', responseCode: 554 }, true, 'EMESSAGE 554: message rejected'],
    [{ code: 'EMESSAGE', responseCode: 451 }, false, 'EMESSAGE 451: message rejected'],
    [{ code: 'EMESSAGE', responseCode: 503 }, false, 'EMESSAGE 503: message rejected'],
    [{ code: 'EAUTH', responseCode: 535, permanent: true }, false, 'EAUTH 535: authentication failed'],
    [{ code: 'EPROTOCOL', responseCode: 421 }, false, 'EPROTOCOL 421: unexpected server reply'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, false, 'ESOCKET ECONNREFUSED: could not connect'],
    [{ code: 'ETIMEDOUT' }, false, 'ETIMEDOUT: timed out'],
    [{ code: 'EDNS' }, false, 'EDNS: host name not resolved'],
    [{ code: 'weird code\r\n' }, false, 'ERROR: delivery failed'],
    ['not an object', false, 'ERROR: delivery failed'],
  ])('when nodemailer fails with %j, then permanent is %s and the reason is %j', (err, permanent, reason) => {
    const error = toDeliveryError(err);

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(permanent);
    expect(error.message).toBe(reason);
  });

  it('when the server reply quotes the message, then the reason keeps none of it', () => {
    const err = Object.assign(new Error('Message failed: 554 5.7.1 Spam: "your code is 482913"'), {
      code: 'EMESSAGE',
      responseCode: 554,
      response: '554 5.7.1 Spam: "your code is 482913"',
    });

    expect(toDeliveryError(err).message).not.toContain('482913');
  });
});

describe('SMS gateway failure classification', () => {
  it.each([
    [400, true],
    [401, true],
    [403, true],
    [404, true],
    [422, true],
    [408, false],
    [425, false],
    [429, false],
    [500, false],
    [502, false],
    [503, false],
    [504, false],
  ])('when the gateway answers %i, then permanent is %s', (status, permanent) => {
    const error = gatewayStatusError(status);

    expect(error.permanent).toBe(permanent);
    expect(error.message).toBe(`HTTP ${status}: SMS gateway refused the message`);
  });

  it('when the gateway cannot be reached or times out, then the failure is transient', () => {
    const timeout = gatewayUnreachableError(Object.assign(new Error('aborted'), { name: 'TimeoutError' }));
    const refused = gatewayUnreachableError(new TypeError('fetch failed'));

    expect([timeout.message, timeout.permanent]).toEqual(['ETIMEDOUT: SMS gateway unreachable', false]);
    expect([refused.message, refused.permanent]).toEqual(['ECONNECTION: SMS gateway unreachable', false]);
  });
});

describe('any other throw', () => {
  it('when a transport throws a plain error, then only its code is kept and it is retried', () => {
    const error = asDeliveryError(Object.assign(new Error('550 rejected: 482913'), { code: 'EWHATEVER' }));

    expect([error.message, error.permanent]).toEqual(['EWHATEVER: delivery failed', false]);
  });

  it('when a plain error says it is permanent, then it is not retried', () => {
    expect(asDeliveryError(Object.assign(new Error('no'), { permanent: true })).permanent).toBe(true);
  });

  it('when the error is already a DeliveryError, then it is kept as it is', () => {
    const original = new DeliveryError('EENVELOPE 550: sender or recipient rejected', true, 'EENVELOPE');

    expect(asDeliveryError(original)).toBe(original);
  });
});
