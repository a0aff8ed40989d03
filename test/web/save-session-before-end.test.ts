import type { Request, Response } from 'express';
import { saveSessionBeforeEnd } from '../../src/web/save-session-before-end';

function fakeExchange() {
  const events: string[] = [];
  let finishSave: (() => void) | null = null;
  const req = {
    session: {
      save(callback: () => void) {
        events.push('save');
        finishSave = callback;
      },
    },
  } as unknown as Request;
  const originalEnd = jest.fn(function (this: unknown, ...args: unknown[]) {
    events.push(`end ${JSON.stringify(args)}`);
    return this;
  });
  const res = { end: originalEnd } as unknown as Response;
  return { req, res, events, originalEnd, finishSave: () => finishSave?.() };
}

describe('saving the session before the response ends', () => {
  it('when the response is ended, then it is held until the session is stored, then ended as asked', () => {
    const { req, res, events, originalEnd, finishSave } = fakeExchange();
    saveSessionBeforeEnd(req, res);

    const returned = res.end('<html>', 'utf8');

    expect(returned).toBe(res);
    expect(events).toEqual(['save']);
    finishSave();
    expect(events).toEqual(['save', 'end ["<html>","utf8"]']);
    expect(originalEnd.mock.contexts[0]).toBe(res);
    expect(res.end).toBe(originalEnd);
  });
});
