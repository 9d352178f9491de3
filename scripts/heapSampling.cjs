/**
 * Preload (`node -r ./scripts/heapSampling.cjs …`) for bench/allocTurns.ts: the first SIGUSR2
 * starts V8's sampling heap profiler in this process (objects already collected by either GC
 * included), the second stops it and writes the profile to HEAP_SAMPLING_FILE. Measurement only.
 */
'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const { Session } = require('node:inspector');

const session = new Session();
session.connect();
let sampling = false;
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    post('HeapProfiler.enable')
      .then(() => post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }))
      .then(() => fs.writeFileSync(`${process.env.HEAP_SAMPLING_FILE}.started`, ''));
    return;
  }
  sampling = false;
  post('HeapProfiler.stopSampling').then(({ profile }) => fs.writeFileSync(process.env.HEAP_SAMPLING_FILE, JSON.stringify(profile)));
});
