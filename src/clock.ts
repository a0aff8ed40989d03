/** Injected everywhere time matters, so tests move a fake clock instead of sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
