// Permission checks against a 1,000-permission set, in one process: ours (from the BUILT
// dist/index.js) against CASL's `can()` on an equivalent rule set and a plain `Array.includes`.
// Each task runs a batch of BATCH checks per sample so that the timer's own cost (tens of ns)
// does not cap the figure; ops/s = BATCH / median sample time. Rounds interleave the tasks and
// the median of the round medians is reported.
import { createMongoAbility } from '@casl/ability';
import { Bench } from 'tinybench';
import { check, createPermissions, hasAllPermissions, hasPermission } from '../dist/index.js';

const BATCH = 1000;
const ACTIONS = 25;
const SUBJECTS = 50;
const GRANTED = 1000;

/** Deterministic shuffle (mulberry32), so every run checks the same permissions. */
function shuffled(items, seed = 42) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** 1,250 `action:subject` names; 1,000 granted, 250 known to CASL's index but not granted. */
function fixture() {
  const universe = [];
  for (let a = 0; a < ACTIONS; a++)
    for (let s = 0; s < SUBJECTS; s++) universe.push(`action${a}:subject${s}`);
  const order = shuffled(universe);
  const granted = order.slice(0, GRANTED);
  const missing = order.slice(GRANTED);
  // Half hits, half misses, interleaved.
  const queries = [];
  for (let i = 0; i < BATCH; i++)
    queries.push(i % 2 ? missing[(i * 7) % missing.length] : granted[(i * 13) % granted.length]);
  const groups = [];
  for (let i = 0; i < BATCH; i++)
    groups.push(Array.from({ length: 5 }, (_, k) => granted[(i * 5 + k * 37) % granted.length]));
  const terms = [];
  for (let i = 0; i < 16; i++)
    terms.push([
      granted[i * 3],
      missing[i],
      granted[i * 3 + 1],
      missing[i + 20],
      granted[i * 3 + 2],
    ]);
  return { granted, queries, groups, terms };
}

const split = (permission) => {
  const at = permission.indexOf(':');
  return [permission.slice(0, at), permission.slice(at + 1)];
};

/** A token the generic adapter accepts: an unsigned JWT carrying `permissions`. */
const jwt = (claims) =>
  [{ alg: 'RS256', typ: 'JWT' }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .concat('signature')
    .join('.');

/**
 * @param {{ rounds?: number, time?: number }} [options]
 * @returns {Promise<{ name: string, ours: number, peers: Record<string, number> }[]>} ops/s
 */
export async function runChecksBench({ rounds = 3, time = 400 } = {}) {
  const { granted, queries, groups, terms } = fixture();
  const set = new Set(granted);
  const array = [...granted];
  const ability = createMongoAbility(
    granted.map(split).map(([action, subject]) => ({ action, subject })),
  );
  const casl = queries.map(split);
  const caslGroups = groups.map((group) => group.map(split));
  // `a and (b or c) and not d and e`; peers get the same logic as hand-written closures.
  const expressions = terms.map(
    ([a, b, c, d, e]) => `${a} and (${b} or ${c}) and not ${d} and ${e}`,
  );
  const caslTerms = terms.map((group) => group.map(split));
  const can = ([action, subject]) => ability.can(action, subject);
  const instance = createPermissions({
    getAccessToken: async () => jwt({ sub: 'bench', permissions: granted }),
    channel: false,
    diagnostics: false,
  });
  await instance.ready();
  for (const expression of expressions) check(set, expression); // parse once: cached from here

  let sink = 0;
  /** @type {[string, string, () => void][]} */
  const tasks = [
    [
      'hasPermission',
      'ours',
      () => {
        for (let i = 0; i < BATCH; i++) if (hasPermission(set, queries[i])) sink++;
      },
    ],
    [
      'hasPermission',
      'instance',
      () => {
        for (let i = 0; i < BATCH; i++) if (instance.hasPermission(queries[i])) sink++;
      },
    ],
    [
      'hasPermission',
      'casl',
      () => {
        for (let i = 0; i < BATCH; i++) if (ability.can(casl[i][0], casl[i][1])) sink++;
      },
    ],
    [
      'hasPermission',
      'includes',
      () => {
        for (let i = 0; i < BATCH; i++) if (array.includes(queries[i])) sink++;
      },
    ],
    [
      'hasAllPermissions',
      'ours',
      () => {
        for (let i = 0; i < BATCH; i++) if (hasAllPermissions(set, groups[i])) sink++;
      },
    ],
    [
      'hasAllPermissions',
      'casl',
      () => {
        for (let i = 0; i < BATCH; i++) if (caslGroups[i].every(can)) sink++;
      },
    ],
    [
      'hasAllPermissions',
      'includes',
      () => {
        for (let i = 0; i < BATCH; i++) if (groups[i].every((p) => array.includes(p))) sink++;
      },
    ],
    [
      'check',
      'ours',
      () => {
        for (let i = 0; i < BATCH; i++) if (check(set, expressions[i & 15])) sink++;
      },
    ],
    [
      'check',
      'casl',
      () => {
        for (let i = 0; i < BATCH; i++) {
          const [a, b, c, d, e] = caslTerms[i & 15];
          if (can(a) && (can(b) || can(c)) && !can(d) && can(e)) sink++;
        }
      },
    ],
    [
      'check',
      'includes',
      () => {
        for (let i = 0; i < BATCH; i++) {
          const [a, b, c, d, e] = terms[i & 15];
          if (
            array.includes(a) &&
            (array.includes(b) || array.includes(c)) &&
            !array.includes(d) &&
            array.includes(e)
          )
            sink++;
        }
      },
    ],
  ];

  /** @type {Map<string, number[]>} */
  const samples = new Map();
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: 100, warmupIterations: 20 });
    for (const [name, who, fn] of tasks) bench.add(`${name}|${who}`, fn);
    await bench.run();
    for (const task of bench.tasks) {
      const p50 = task.result.latency?.p50;
      const hz = p50 > 0 ? (BATCH * 1000) / p50 : Number.NaN;
      samples.set(task.name, [...(samples.get(task.name) ?? []), hz]);
    }
  }
  instance.destroy();
  if (sink < 0) console.log(sink);

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const rows = [];
  for (const [name] of new Map(tasks.map((task) => [task[0], true]))) {
    const get = (who) => median(samples.get(`${name}|${who}`) ?? [Number.NaN]);
    rows.push({
      name,
      ours: get('ours'),
      instance: samples.has(`${name}|instance`) ? get('instance') : undefined,
      peers: { casl: get('casl'), includes: get('includes') },
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runChecksBench();
  for (const row of rows) console.log(row);
}
