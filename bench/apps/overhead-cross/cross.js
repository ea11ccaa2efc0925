// The cross-script loop of the benchmark: loop.js's work, done by a second script on the globals
// loop.js declared (benchTotal, benchInput), as an app's code uses the globals its libraries
// declared. The page runs the same two files natively.
function crossLoop(iterations) {
  var start = performance.now();
  for (var i = 0; i < iterations; i++) {
    benchTotal = Math.max(benchTotal, i % 1000) + benchInput.step;
    window.benchLast = benchTotal;
    if (i % 8 === 0) document.createElement('span');
  }
  return performance.now() - start;
}
