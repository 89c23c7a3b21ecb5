/** Shared assertion for the plot tests: a display spec must survive structured cloning (the worker → page hop) unchanged. */
import {expect} from 'vitest';

export function expectCloneable(spec: object): void {
  expect(structuredClone(spec)).toStrictEqual(spec);
}
