import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { DEFAULT_POLICY } from '../../src/config';
import { loadKnowledgeBase } from '../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../src/domain/policy/answerer';
import { stripInstructions } from '../../src/domain/policy/injection';
import { withoutFraming } from '../../src/domain/policy/framing';
import { clean, parseUrl, splitNames } from '../../src/domain/reports/validate';
import { stripMarkup } from '../../src/teams/userText';
import { htmlToText } from '../../src/teams/handlers/reportMessage';
import { HELP_PATTERN } from '../../src/teams/handlers/help';
import { RELOAD_PATTERN } from '../../src/teams/handlers/answers';
import { MY_REPORTS_PATTERN, REPORT_PATTERN } from '../../src/teams/handlers/reports';

// Guard against pathological (super-linear) parsing of user text: one message must not hold the
// event loop. The bound is generous on purpose (a linear pass over 100,000 chars takes ~1 ms);
// quadratic backtracking took 21 s on the '<' run before the fix.
const N = 100_000;
const BOUND_MS = 50;

const adversarial: Record<string, string> = {
  'run of <': '<'.repeat(N),
  '< then letters, no >': `<${'a'.repeat(N - 1)}`,
  '<at> with no close': '<at>'.repeat(N / 4),
  'run of a': 'a'.repeat(N),
  'run of spaces': ' '.repeat(N),
  'spaces then x': `${' '.repeat(N - 1)}x`,
  'nested brackets': `${'<['.repeat(N / 4)}${'(<{'.repeat(N / 8)}`,
  'run of {{': '{{'.repeat(N / 2),
  'emoji': '😀'.repeat(N / 2),
  'entity-like': '&#1'.repeat(N / 3),
  'tag soup': '< br'.repeat(N / 4),
  'report words': 'report '.repeat(N / 7),
  'ignore words': 'ignore all the previous '.repeat(N / 24),
  'dots and letters': 'a.'.repeat(N / 2),
  'commas': ',; \n'.repeat(N / 4),
  'url-ish': `${'a-'.repeat(N / 2)}.`,
};

function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/**
 * The cost of `fn`: measured once, and if that is over `bound`, the best of three, so a pause
 * of a loaded machine (another process, a GC) is not taken for super-linear parsing, which
 * fails every run (21 s, not 87 ms).
 */
function cost(fn: () => unknown, bound: number): number {
  let best = timed(fn);
  for (let i = 0; i < 2 && best >= bound; i++) best = Math.min(best, timed(fn));
  return best;
}

describe('event-loop guard: adversarial user text parses in linear time', function () {
  this.timeout(120_000);
  let answerer: Answerer;
  before(async () => {
    answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
    answerer.answer('warm up'); // first call builds caches; not what this test measures
  });

  const paths: Record<string, (s: string) => unknown> = {
    'channel command text (mention stripping)': stripMarkup,
    'command patterns': (s) => [HELP_PATTERN, RELOAD_PATTERN, REPORT_PATTERN, MY_REPORTS_PATTERN].map((p) => p.test(s)),
    'Report this message HTML': htmlToText,
    'injection stripping': stripInstructions,
    'framing': withoutFraming,
    'report fields': (s) => [clean(s), parseUrl(s), splitNames(s)],
  };

  // The answerer does more than parse (ranking a 1,000-char question is real work), so its bound
  // is the larger of 50 ms and 3x a realistic question of the same capped length, same run.
  it('answerer: adversarial input costs no more than a long real question', () => {
    const real = 'A year 9 pupil sent me a friend request on snapchat and then messaged me on instagram, can I reply? '.repeat(20);
    const baseline = Math.min(...[0, 1, 2].map(() => timed(() => answerer.answer(real))));
    const bound = Math.max(BOUND_MS, 3 * baseline);
    const slow = Object.entries(adversarial)
      .map(([name, input]) => [name, cost(() => answerer.answer(input), bound)] as const)
      .filter(([, ms]) => ms >= bound)
      .map(([name, ms]) => `${name}: ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    assert.deepEqual(slow, []);
  });

  for (const [path, parse] of Object.entries(paths)) {
    it(`${path}: every adversarial input of ${N} chars under ${BOUND_MS} ms`, () => {
      const slow: string[] = [];
      for (const [name, input] of Object.entries(adversarial)) {
        const ms = cost(() => parse(input), BOUND_MS);
        if (ms >= BOUND_MS) slow.push(`${name}: ${ms.toFixed(0)} ms`);
      }
      assert.deepEqual(slow, []);
    });
  }
});
