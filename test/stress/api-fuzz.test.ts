import { test } from 'node:test';
import { runApiFuzz } from '../reliability/support/api-fuzz-run.js';
import { stress } from './stress.js';

// Issue 10: 100 bad values per API parameter (plus every SQL metacharacter in every string parameter).
test('bad values in every API parameter, 100 each: no 5xx, every refusal explained, tokens checked, store intact', {
  skip: !stress && 'stress test: npm run test:stress',
}, async (t) => {
  await runApiFuzz(t, 100);
});
