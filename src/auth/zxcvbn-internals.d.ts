/** zxcvbn's l33t decoder, which its package ships as CommonJS with types beside it under another name. */
declare module '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs' {
  export { default } from '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords';
}
