/** The notebook list's titles come from the build, read from each shipped notebook's front matter. */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {curriculumTitles} from '../../../src/app/notebook/build/curriculum-titles-plugin';
import {parseNotebookMarkdown} from '../../../src/app/notebook/markdown-format';
import {NOTEBOOKS, notebookPath} from '../curriculum/curriculum';

describe('curriculum titles', () => {
  it('gives every shipped notebook the title its parser reads, keyed as the app globs them', () => {
    const titles = curriculumTitles(new URL('../../..', import.meta.url).pathname);
    expect(Object.keys(titles).sort()).toEqual(NOTEBOOKS.map((name) => `/notebooks/${name}`));
    for (const name of NOTEBOOKS) {
      const parsed = parseNotebookMarkdown(readFileSync(notebookPath(name), 'utf8'), 'no title');
      expect(titles[`/notebooks/${name}`]).toBe(parsed.title);
      expect(parsed.title).not.toBe('no title');
    }
  });
});
