import { packDictionaries, unpackDictionaries } from '../../../src/auth/packed-dictionaries';

function packedList(words: string[]) {
  return unpackDictionaries(packDictionaries({ names: words })).lists.names!;
}

describe('packed word lists', () => {
  test('when substrings are asked one character longer at a time, then each word is found with its rank and nothing else is', () => {
    const list = packedList(['apricot', 'apple', 'banana', 'app']);
    const asked = ['a', 'ap', 'app', 'appl', 'apple', 'apples', 'aq', 'aqu', 'apr', 'apricot', 'b', 'banana'];

    expect(asked.map((word) => list.rankOf(word))).toEqual([
      undefined,
      undefined,
      4,
      undefined,
      2,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      3,
    ]);
  });

  test('when a prefix no word has was asked, then words and prefixes outside it are still found afterwards', () => {
    const list = packedList(['carrot', 'car', 'cart']);

    expect(list.rankOf('cab')).toBeUndefined();
    expect(list.rankOf('cabin')).toBeUndefined();
    expect(list.rankOf('car')).toBe(2);
    expect(list.rankOf('carz')).toBeUndefined();
    expect(list.rankOf('cart')).toBe(3);
    expect(list.rankOf('carrot')).toBe(1);
    expect(list.rankOf('zebra')).toBeUndefined();
    expect(list.rankOf('carrot')).toBe(1);
  });

  test('when a list is small, then its words are also read from an object holding their ranks and nothing else', () => {
    const small = packedList(['one', 'two', 'three']);
    const large = packedList(Array.from({ length: 101 }, (_, index) => `word${index}`));

    expect(small.byWord).toEqual({ one: 1, two: 2, three: 3 });
    expect(small.byWord!['constructor']).toBeUndefined();
    expect(large.byWord).toBeUndefined();
    expect(large.rankOf('word100')).toBe(101);
  });
});
