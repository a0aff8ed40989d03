import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { openMongoStore } from '../../src/store/mongo';
import type { ContractBackend } from './backend';
import { runStoreContract } from './contract';

const uri = process.env.MONGODB_URI;

/** Same URI, fresh database per test, so tests never see each other's data. */
function uriForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

const mongo = (baseUri: string): ContractBackend => ({
  name: 'MongoDB',
  async createStorage() {
    const databaseUri = uriForDatabase(baseUri, `resetdesk_contract_${randomBytes(6).toString('hex')}`);
    const admin = await mongoose.createConnection(databaseUri).asPromise();
    return {
      async open() {
        return openMongoStore(databaseUri, { timeoutMs: 5000 });
      },
      async tamperAuditEvent(seq, outcome) {
        await admin.collection('auditevents').updateOne({ seq }, { $set: { outcome } });
      },
      async destroy() {
        await admin.dropDatabase();
        await admin.close();
      },
    };
  },
});

if (uri) {
  runStoreContract(mongo(uri));
} else {
  test.skip('MongoDB store contract: skipped because MONGODB_URI is not set (no MongoDB server on this machine)', () => {
    // Reason printed by the reporter; set MONGODB_URI to run the full contract against a server.
  });
  console.info(
    'MongoDB contract run skipped: MONGODB_URI is not set. Set it to a server to run the same cases.',
  );
}
