import { strict as assert } from 'node:assert';
import { compileExcludeGlobs, normalizeExcludeGlobs } from '../../../../src/adapters/localTasks/excludeGlobs';

describe('local tasks: handsOn.exclude globs', () => {
  it('normalises globs as .gitignore reads them: a bare name matches at any depth, a leading or inner / anchors', () => {
    assert.deepEqual(normalizeExcludeGlobs([' ./legacy/ ', '/docs/**', '*.gen.ts', '!keep.ts', '', 'src\\old', 'legacy', 'fixtures/', 'legacy']), [
      'legacy', 'docs/**', '**/*.gen.ts', 'src/old', '**/legacy', '**/fixtures',
    ]);
  });

  it('excludes what a glob matches and everything under a folder it matches', () => {
    const excluded = compileExcludeGlobs(['legacy', 'src/proto/', 'docs/**', '*.gen.ts', 'tools/*.py'])!;
    for (const path of ['legacy/a.ts', 'app/legacy/deep/b.ts', 'src/proto/user.ts', 'src/proto/v1/x.ts', 'docs/conf.py', 'web/api.gen.ts', 'tools/run.py', '.hidden/x.gen.ts']) {
      assert.equal(excluded(path), true, path);
    }
    for (const path of ['legacyish/a.ts', 'src/protocol/x.ts', 'app/docs/conf.py', 'web/api.ts', 'tools/sub/run.py', 'src/legacy.ts']) {
      assert.equal(excluded(path), false, path);
    }
  });

  it('is undefined without a usable glob, so callers skip the work', () => {
    assert.equal(compileExcludeGlobs(undefined), undefined);
    assert.equal(compileExcludeGlobs([' ', '!x']), undefined);
  });
});
