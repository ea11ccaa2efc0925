// The sandbox-overhead loop of the benchmark: global reads, Math.max, a global write and
// document.createElement, as in the peers' own overhead measurements. The page runs the same
// file natively, so both sides run identical code.
var benchInput = { step: 3 };
var benchTotal = 0;

function benchLoop(iterations) {
  var start = performance.now();
  for (var i = 0; i < iterations; i++) {
    benchTotal = Math.max(benchTotal, i % 1000) + benchInput.step;
    window.benchLast = benchTotal;
    if (i % 8 === 0) document.createElement('span');
  }
  return performance.now() - start;
}
