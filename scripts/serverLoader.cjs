/**
 * dist/index.js after `npm run build` (scripts/bundleServer.ts copies this file there): runs the
 * bundled service, dist/server.js, as a CommonJS module, compiled with V8's code cache
 * (dist/server.js.cache) when there is one, so start-up deserialises the functions it runs
 * instead of parsing and compiling the bundle. V8 checks the cache against its own version, its
 * flags and the source, and ignores it on any mismatch (then it compiles as usual): a cache made
 * by another Node version costs nothing but the read. With TRUSTLINE_WRITE_CODE_CACHE=1 the
 * cache is (re)written when the process exits; the build does that once, after the service has
 * started and rendered its cards, so the cache holds what start-up and a turn compile.
 */
'use strict';
/* global require, module, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'server.js');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined; // no cache: compile as usual
}
// The bundle is ASCII only (scripts/bundleServer.ts escapes everything else), so Latin-1 reads it
// the same as UTF-8, without UTF-8's validation pass over 7 MB (about 15 ms of each start).
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'latin1')), { filename: file, cachedData });
// For the server.started log line: whether this start used the cache.
globalThis[Symbol.for('trustline.codeCache')] = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none';
cachedData = undefined;
if (process.env.TRUSTLINE_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, __dirname);
