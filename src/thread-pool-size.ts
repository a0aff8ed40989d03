import { availableParallelism } from 'node:os';

/*
 * Imported first by server.ts, before anything can use libuv's thread pool (which reads this once,
 * when its first task arrives). argon2 is its only heavy user and runs at most one call per core
 * (password-hashing.ts); libuv's default of four threads would leave each extra thread's malloc
 * arena holding a freed 19 MiB argon2 block. An operator's own setting wins.
 */
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism());
