import { join } from 'node:path';
import { renderFile } from 'ejs';
import { clientTextJson, toScriptJson } from '../../src/i18n/client-text';
import { parseClientText } from '../../src/client/text';
import { SCORE_LABELS } from '../../src/client/meter-state';
import { localized } from '../support/i18n';

const PARTIAL = join(__dirname, '../../views/partials/client-text.ejs');
const BREAKOUT = '</script><script>alert(1)</script><!-- & \u2028';

describe('the client strings a page carries', () => {
  it('when a string could close the script element, then the JSON escapes it and still reads back the same', () => {
    const json = toScriptJson({ 'client:x': BREAKOUT });

    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(parseClientText(json).get('client:x')).toBe(BREAKOUT);
  });

  it('when the partial renders a hostile translation, then the page has exactly one script element and the text survives', async () => {
    const hostile = (() => BREAKOUT) as unknown as Parameters<typeof clientTextJson>[0];
    const html = await renderFile(PARTIAL, { t: hostile, clientText: clientTextJson });

    expect(html.match(/<\/script/gi)).toHaveLength(1);
    const body = /<script type="application\/json" id="client-text">(.*)<\/script>/s.exec(html)?.[1];
    expect(parseClientText(body).get('client:meter.checking')).toBe(BREAKOUT);
  });

  it('when a page is in Arabic, then every client key is there in Arabic, and in English for English', () => {
    const arabic = parseClientText(clientTextJson(localized('ar').t));
    const english = parseClientText(clientTextJson(localized('en').t));

    expect([...arabic.keys()]).toEqual([...english.keys()]);
    expect(english.get('client:meter.score.acceptable')).toBe('Acceptable');
    expect(arabic.get('client:meter.score.acceptable')).toBe('مقبولة');
    expect(SCORE_LABELS.map((key) => english.get(key))).toEqual([
      'Too weak',
      'Weak',
      'Acceptable',
      'Good',
      'Strong',
    ]);
  });

  it('when the page’s block is missing, garbled or not a table of strings, then no string is read', () => {
    expect(parseClientText(null).size).toBe(0);
    expect(parseClientText('{"client:a": ').size).toBe(0);
    expect(parseClientText('["client:a"]').size).toBe(0);
    expect([...parseClientText('{"client:a": "A", "client:b": 2}')]).toEqual([['client:a', 'A']]);
  });

  it('when a script asks for a string, then it gets the page’s translation, or the key where the page lacks it', () => {
    const block = { textContent: toScriptJson({ 'client:meter.rule_met': 'مستوفى:' }) };
    const lookups: string[] = [];
    Object.assign(globalThis, {
      document: {
        getElementById: (id: string) => {
          lookups.push(id);
          return id === 'client-text' ? block : null;
        },
      },
    });
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { text } = require('../../src/client/text') as typeof import('../../src/client/text');
        expect([text('client:meter.rule_met'), text('client:meter.rule_unmet')]).toEqual([
          'مستوفى:',
          'client:meter.rule_unmet',
        ]);
      });
      // Read from the page once, then from memory.
      expect(lookups).toEqual(['client-text']);
    } finally {
      Reflect.deleteProperty(globalThis, 'document');
    }
  });
});
