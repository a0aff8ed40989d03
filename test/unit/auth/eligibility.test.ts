import { isAccountEligible } from '../../../src/auth/eligibility';
import { USER_STATUSES } from '../../../src/store';

describe('account eligibility', () => {
  test('when an account is active or pending, then it may sign in and reset; suspended and deleted may not', () => {
    const verdicts = Object.fromEntries(
      USER_STATUSES.map((status) => [status, isAccountEligible({ status })]),
    );
    expect(verdicts).toEqual({ active: true, pending: true, suspended: false, deleted: false });
  });
});
