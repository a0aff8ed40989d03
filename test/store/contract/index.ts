import type { ContractBackend } from '../backend';
import { apiTokenContract } from './api-tokens';
import { auditContract } from './audit';
import { useStore } from './harness';
import { idempotencyKeyContract } from './idempotency-keys';
import { outboxContract } from './outbox';
import { outboxDepthContract } from './outbox-depth';
import { rateLimitContract } from './rate-limits';
import { resetIntentContract } from './reset-intents';
import { resetRequestContract } from './reset-requests';
import { secureAccountTokenContract } from './secure-account-tokens';
import { securityAlertContract } from './security-alerts';
import { sessionContract } from './sessions';
import { userContract } from './users';
import { verificationVoidingContract } from './verification-voiding';
import { verificationContract } from './verifications';
import { webhookEndpointContract } from './webhook-endpoints';

/** The one contract every storage adapter must pass, case for case. */
export function runStoreContract(backend: ContractBackend): void {
  describe(`${backend.name} store contract`, () => {
    userContract(backend);
    resetRequestContract(backend);
    resetIntentContract(backend);
    sessionContract(backend);
    auditContract(backend);
    rateLimitContract(backend);
    outboxContract(backend);
    verificationContract(backend);
    verificationVoidingContract(backend);
    secureAccountTokenContract(backend);
    securityAlertContract(backend);
    apiTokenContract(backend);
    idempotencyKeyContract(backend);
    outboxDepthContract(backend);
    webhookEndpointContract(backend);

    describe('health', () => {
      const ctx = useStore(backend);
      test('when the store is open, then ping answers; once closed, ping fails', async () => {
        await expect(ctx.store.ping()).resolves.toBeUndefined();
        const other = await ctx.openAnother();
        await other.close();
        await expect(other.ping()).rejects.toThrow();
      });
    });
  });
}
