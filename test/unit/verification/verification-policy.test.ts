import type { RoleName } from '../../../src/store';
import { verificationNeed, type VerificationMode } from '../../../src/verification/verification-policy';

describe('when a caller must be verified (HELPDESK_VERIFICATION)', () => {
  const cases: [VerificationMode, RoleName[], string, string][] = [
    ['required', ['member'], 'required', 'none'],
    ['required', ['admin'], 'required', 'none'],
    ['privileged', ['member'], 'optional', 'none'],
    ['privileged', [], 'optional', 'none'],
    ['privileged', ['helpdesk'], 'required', 'none'],
    ['privileged', ['admin'], 'required', 'none'],
    ['optional', ['admin'], 'optional', 'none'],
    ['off', ['admin'], 'none', 'none'],
  ];

  test.each(cases)(
    'when the mode is %s and the account holds %j, then a secret-handing reset needs %s and any other %s',
    (mode, roles, secretNeed, otherNeed) => {
      expect(verificationNeed(mode, true, { roles })).toBe(secretNeed);
      expect(verificationNeed(mode, false, { roles })).toBe(otherNeed);
    },
  );
});
