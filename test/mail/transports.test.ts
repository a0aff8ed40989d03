import { DeliveryError, toDeliveryError } from '../../src/mail/transports';

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
    [{ code: 'EENVELOPE' }, true, 'EENVELOPE: sender or recipient rejected'],
    [{ code: 'EMESSAGE', responseCode: 554 }, true, 'EMESSAGE 554: message rejected'],
    [{ code: 'EMESSAGE', responseCode: 503 }, false, 'EMESSAGE 503: message rejected'],
    [{ code: 'EAUTH', responseCode: 535, permanent: true }, false, 'EAUTH 535: authentication failed'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, false, 'ESOCKET ECONNREFUSED: could not connect'],
    [{ code: 'ETIMEDOUT' }, false, 'ETIMEDOUT: timed out'],
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
