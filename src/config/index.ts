import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { compileTicketPattern, deriveTicketExample } from '../admin/ticket-ref';
import { USER_TYPES } from '../store/users';
import { webhookUrlRefusal } from '../webhooks/webhook-url';
import { isTimeZone } from '../i18n/time-zones';
import { HOUR, MINUTE } from '../time';
import { loadOrCreateDevSecrets, SECRET_NAMES, type Secrets } from './dev-secrets';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .prefault(String(fallback));

const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default(fallback)
    .transform((value) => value === 'on' || value === 'true' || value === '1');

const secret = z
  .string()
  .min(32, 'must be at least 32 characters (e.g. 32 random bytes, base64url)')
  .optional();

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value): boolean | number | string => {
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value;
  });

/** A comma-separated list of user types, e.g. `parent,device`; blank or `none` for none. */
const userTypeList = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value) => (value === 'none' ? [] : value.split(',').map((item) => item.trim())))
    .pipe(z.array(z.enum(USER_TYPES, { error: `must list user types from: ${USER_TYPES.join(', ')}` })));

/** Compiled here so a pattern that does not compile stops start-up, named by its variable. */
const ticketPattern = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((source, ctx) => {
    if (!source) return null;
    try {
      return { source, regex: compileTicketPattern(source) };
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a valid regular expression, e.g. ^(INC|RITM)[0-9]{7}$ (${(error as Error).message})`,
      });
      return z.NEVER;
    }
  });

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(3000, 0, 65535),
  APP_URL: httpUrl.optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SQLITE_PATH: z.string().min(1).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_TIMEOUT_MS: integer(8000, 100, 120000),
  SESSION_SECRET: secret,
  TOKEN_PEPPER: secret,
  OUTBOX_KEY: secret,
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REQUEST_LOGS: onOff('on'),
  ARGON2_MEMORY_KIB: integer(19456, 19456, 4_194_304),
  ARGON2_TIME_COST: integer(2, 2, 100),
  ARGON2_PARALLELISM: integer(1, 1, 16),
  PASSWORD_MIN_LENGTH: integer(8, 8, 256),
  PASSWORD_MAX_LENGTH: integer(256, 64, 1024),
  PASSWORD_COMPOSITION: onOff('on'),
  PASSWORD_MIN_SCORE: integer(2, 0, 4),
  PASSWORD_HISTORY: integer(5, 0, 24),
  LOCKOUT_THRESHOLD: integer(10, 3, 100),
  LOCKOUT_MINUTES: integer(15, 1, 1440),
  SESSION_IDLE_MINUTES: integer(30, 1, 1440),
  SESSION_ABSOLUTE_HOURS: integer(12, 1, 720),
  RATE_LIMIT_WINDOW_MINUTES: integer(15, 1, 1440),
  LOGIN_RATE_LIMIT: integer(30, 1, 1_000_000),
  FORGOT_RATE_LIMIT: integer(20, 1, 1_000_000),
  RESET_RATE_LIMIT: integer(30, 1, 1_000_000),
  SECURE_ACCOUNT_RATE_LIMIT: integer(30, 1, 1_000_000),
  RESET_TTL_MINUTES: integer(15, 1, 1440),
  RESET_CODE_ATTEMPTS: integer(5, 1, 20),
  RESET_MAILS_PER_ACCOUNT_HOUR: integer(3, 1, 1000),
  RESET_FAILURES_PER_ACCOUNT_HOUR: integer(10, 1, 1000),
  HELP_DESK_CONTACT: z.string().trim().max(200).optional(),
  DEFAULT_LOCALE: z.string().trim().min(2).max(20).default('en'),
  DEFAULT_TIME_ZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as UTC or Asia/Riyadh'),
  PSEUDO_LOCALE: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  ORG_NAME: z.string().trim().max(200).optional(),
  BREACHED_PASSWORDS_DIR: z.string().trim().min(1).optional(),
  BREACHED_PASSWORDS_URL: httpUrl.optional(),
  BREACHED_PASSWORDS_MIN_COUNT: integer(1, 1, 1_000_000_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('ResetDesk <no-reply@localhost>'),
  SMS_GATEWAY_URL: httpUrl.optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  INVITE_TTL_HOURS: integer(72, 1, 720),
  TEMP_PASSWORD_TTL_HOURS: integer(72, 1, 720),
  GENERATED_PASSWORD_LENGTH: integer(16, 16, 128),
  NATIONAL_ID_PASSWORD_TYPES: userTypeList('parent'),
  ADMIN_KNOWS_PASSWORD: onOff('on'),
  TICKET_REF: z.enum(['required', 'optional', 'off']).default('optional'),
  SECURITY_ALERTS: onOff('on'),
  HELPDESK_VERIFICATION: z.enum(['required', 'privileged', 'optional', 'off']).default('privileged'),
  VERIFICATION_TTL_MINUTES: integer(10, 1, 120),
  VERIFICATION_SENDS_PER_TARGET_HOUR: integer(5, 1, 1000),
  VERIFICATION_SENDS_PER_AGENT_HOUR: integer(30, 1, 10_000),
  TICKET_REF_PATTERN: ticketPattern,
  API_RATE_LIMIT_PER_MINUTE: integer(120, 1, 100_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  WEBHOOK_URLS: z
    .string()
    .trim()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    ),
  WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(
      /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
      'must be whsec_ followed by at least 24 random bytes in base64',
    )
    .optional(),
  OUTBOX_POLL_MS: integer(1000, 10, 60_000),
  OUTBOX_RETRY_BASE_MS: integer(5000, 10, 600_000),
  OUTBOX_MAX_AGE_HOURS: integer(72, 1, 720),
  TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS: integer(0, 0, 600_000),
});

type Env = Record<string, string | undefined>;
type Values = z.infer<typeof schema>;

/** Pairs of settings that are each valid alone but contradict each other: the first must not exceed the second. */
const ORDERED_PAIRS: [keyof Values, keyof Values, string][] = [
  ['PASSWORD_MIN_LENGTH', 'PASSWORD_MAX_LENGTH', 'no password could be chosen'],
  [
    'PASSWORD_MIN_LENGTH',
    'GENERATED_PASSWORD_LENGTH',
    'one-click and SMS passwords would be too short for the policy',
  ],
  [
    'GENERATED_PASSWORD_LENGTH',
    'PASSWORD_MAX_LENGTH',
    'one-click and SMS passwords would be too long for the policy',
  ],
];

function describeContradictions(values: Values): string[] {
  return ORDERED_PAIRS.filter(([low, high]) => Number(values[low]) > Number(values[high])).map(
    ([low, high, why]) => `${low} (${values[low]}) must not exceed ${high} (${values[high]}): ${why}`,
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`).join('; ');
}

function buildConfig(env: Env) {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`);
  const values = parsed.data;
  const contradictions = describeContradictions(values);
  if (contradictions.length > 0) {
    throw new ConfigError(`Contradictory configuration: ${contradictions.join('; ')}`);
  }
  if (values.BREACHED_PASSWORDS_DIR && values.BREACHED_PASSWORDS_URL) {
    throw new ConfigError(
      'Contradictory configuration: set BREACHED_PASSWORDS_DIR or BREACHED_PASSWORDS_URL, not both',
    );
  }
  const production = values.NODE_ENV === 'production';
  const dataDir = resolve(values.DATA_DIR);
  if (production && values.TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS > 0) {
    throw new ConfigError(
      'Invalid configuration: TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS is a test hook and is refused in production',
    );
  }

  const webhookProblems = values.WEBHOOK_URLS.flatMap((url) => {
    const refusal = webhookUrlRefusal(url, production);
    return refusal ? [`WEBHOOK_URLS: ${url} ${refusal}`] : [];
  });
  if (values.WEBHOOK_URLS.length > 0 && !values.WEBHOOK_SECRET) {
    webhookProblems.push('WEBHOOK_SECRET must be set when WEBHOOK_URLS is');
  }
  if (webhookProblems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${webhookProblems.join('; ')}`);
  }

  let secrets: Secrets;
  if (production) {
    const missing: string[] = SECRET_NAMES.filter((name) => !values[name]);
    // Without SMTP a production server would queue mail forever; the dev mailbox is development-only.
    if (!values.SMTP_URL) missing.push('SMTP_URL');
    // Every emailed link is built from APP_URL; a default of localhost would mail links nobody can open.
    if (!values.APP_URL) missing.push('APP_URL');
    if (missing.length > 0) {
      throw new ConfigError(`Invalid configuration: ${missing.join(', ')} must be set in production`);
    }
    secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, values[name]])) as Secrets;
  } else {
    secrets = loadOrCreateDevSecrets(dataDir, values);
  }

  return {
    env: values.NODE_ENV,
    production,
    port: values.PORT,
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    dataDir,
    sqlitePath:
      values.SQLITE_PATH === ':memory:'
        ? ':memory:'
        : resolve(values.SQLITE_PATH ?? `${dataDir}/resetdesk.db`),
    mongodbUri: values.MONGODB_URI ?? null,
    mongodbTimeoutMs: values.MONGODB_TIMEOUT_MS,
    sessionSecret: secrets.SESSION_SECRET,
    tokenPepper: secrets.TOKEN_PEPPER,
    outboxKey: secrets.OUTBOX_KEY,
    trustProxy: values.TRUST_PROXY,
    logLevel: values.LOG_LEVEL,
    requestLogs: values.REQUEST_LOGS,
    argon2: {
      memoryCost: values.ARGON2_MEMORY_KIB,
      timeCost: values.ARGON2_TIME_COST,
      parallelism: values.ARGON2_PARALLELISM,
    },
    passwordRules: {
      minLength: values.PASSWORD_MIN_LENGTH,
      maxLength: values.PASSWORD_MAX_LENGTH,
      composition: values.PASSWORD_COMPOSITION,
      minScore: values.PASSWORD_MIN_SCORE,
    },
    passwordHistory: values.PASSWORD_HISTORY,
    /** A context word in every password check (and nowhere else yet); null when unset. */
    orgName: values.ORG_NAME || null,
    breachedPasswords: {
      /** The optional local Pwned Passwords corpus; the bundled list always applies. */
      source: values.BREACHED_PASSWORDS_DIR
        ? { kind: 'dir' as const, dir: resolve(values.BREACHED_PASSWORDS_DIR) }
        : values.BREACHED_PASSWORDS_URL
          ? { kind: 'url' as const, url: values.BREACHED_PASSWORDS_URL }
          : null,
      minCount: values.BREACHED_PASSWORDS_MIN_COUNT,
    },
    lockout: { threshold: values.LOCKOUT_THRESHOLD, durationMs: values.LOCKOUT_MINUTES * MINUTE },
    session: {
      idleMs: values.SESSION_IDLE_MINUTES * MINUTE,
      absoluteMs: values.SESSION_ABSOLUTE_HOURS * HOUR,
    },
    rateLimits: {
      windowMs: values.RATE_LIMIT_WINDOW_MINUTES * MINUTE,
      loginPerIp: values.LOGIN_RATE_LIMIT,
      forgotPerIp: values.FORGOT_RATE_LIMIT,
      resetPerIp: values.RESET_RATE_LIMIT,
      secureAccountPerIp: values.SECURE_ACCOUNT_RATE_LIMIT,
    },
    reset: {
      ttlMs: values.RESET_TTL_MINUTES * MINUTE,
      codeAttempts: values.RESET_CODE_ATTEMPTS,
      mailsPerAccountHour: values.RESET_MAILS_PER_ACCOUNT_HOUR,
      failuresPerAccountHour: values.RESET_FAILURES_PER_ACCOUNT_HOUR,
    },
    admin: {
      inviteTtlMs: values.INVITE_TTL_HOURS * HOUR,
      tempPasswordTtlMs: values.TEMP_PASSWORD_TTL_HOURS * HOUR,
      generatedPasswordLength: values.GENERATED_PASSWORD_LENGTH,
      nationalIdPasswordTypes: values.NATIONAL_ID_PASSWORD_TYPES,
      /** Off: no option lets an admin see or choose a password; only "Send reset link" remains. */
      knowsPassword: values.ADMIN_KNOWS_PASSWORD,
    },
    /** Who users turn to once they have locked their account ("this wasn't me"), shown as is; null: the catalog's words. */
    helpDeskContact: values.HELP_DESK_CONTACT || null,
    localization: {
      /** Checked against the catalogs in locales/ when the app is built. */
      defaultLocale: values.DEFAULT_LOCALE,
      defaultTimeZone: values.DEFAULT_TIME_ZONE,
      /** The development pseudo-locale in the switcher: on by default outside production. */
      pseudoLocale:
        values.PSEUDO_LOCALE === undefined ? !production : ['on', 'true', '1'].includes(values.PSEUDO_LOCALE),
    },
    /** Off: no security alert is stored or mailed to the admins. */
    securityAlerts: values.SECURITY_ALERTS,
    verification: {
      mode: values.HELPDESK_VERIFICATION,
      /** How long a sent code can be confirmed, and then how long the confirmed caller counts. */
      ttlMs: values.VERIFICATION_TTL_MINUTES * MINUTE,
      sendsPerTargetHour: values.VERIFICATION_SENDS_PER_TARGET_HOUR,
      sendsPerAgentHour: values.VERIFICATION_SENDS_PER_AGENT_HOUR,
    },
    ticketRef: {
      mode: values.TICKET_REF,
      pattern: values.TICKET_REF_PATTERN?.regex ?? null,
      patternSource: values.TICKET_REF_PATTERN?.source ?? null,
      example: values.TICKET_REF_PATTERN
        ? deriveTicketExample(values.TICKET_REF_PATTERN.source, values.TICKET_REF_PATTERN.regex)
        : null,
    },
    mail: {
      smtpUrl: values.SMTP_URL ?? null,
      from: values.MAIL_FROM,
    },
    sms: {
      gatewayUrl: values.SMS_GATEWAY_URL ?? null,
      gatewayToken: values.SMS_GATEWAY_TOKEN ?? null,
      /** A gateway, or (development without SMTP) the dev mailbox: otherwise no text can reach anyone. */
      deliverable: Boolean(values.SMS_GATEWAY_URL) || (!production && !values.SMTP_URL),
    },
    /** Receivers of every event, signed with WEBHOOK_SECRET. */
    webhooks: values.WEBHOOK_URLS.map((url) => ({ url, secret: values.WEBHOOK_SECRET! })),
    /** Bearer token for GET /metrics; null: /metrics is off. */
    metricsToken: values.METRICS_TOKEN ?? null,
    api: {
      /** Requests per token per minute; more answer 429 with Retry-After. */
      ratePerMinute: values.API_RATE_LIMIT_PER_MINUTE,
    },
    outbox: {
      pollMs: values.OUTBOX_POLL_MS,
      retryBaseMs: values.OUTBOX_RETRY_BASE_MS,
      /** Transient failures are retried this long at most (less when the message's link expires sooner). */
      maxAgeMs: values.OUTBOX_MAX_AGE_HOURS * HOUR,
    },
    testHooks: {
      /** Crash tests: a completed reset waits this long between claiming its request and writing the password. */
      pauseBeforePasswordWriteMs: values.TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS,
    },
  };
}

export type Config = Readonly<ReturnType<typeof buildConfig>>;

/**
 * The one place that reads the environment. Throws ConfigError naming each bad variable.
 * A `.env` file in the working directory is read first when present (real env vars win).
 */
export function loadConfig(env: Env = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  return Object.freeze(buildConfig(env));
}

/** For tests and tools: a complete configuration from explicit values, never the process env. */
export function configFrom(values: Env): Config {
  return Object.freeze(buildConfig(values));
}
