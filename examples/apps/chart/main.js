// A plain ECharts bar chart. `echarts` is the global made by vendor/echarts.min.js.
var chartEl = document.getElementById('chart');
var chart = echarts.init(chartEl);

chart.setOption({
  title: { text: 'Orders by region' },
  tooltip: {},
  xAxis: { type: 'category', data: ['EU', 'US', 'APAC', 'LATAM', 'MEA'] },
  yAxis: { type: 'value' },
  series: [{ name: 'orders', type: 'bar', data: [120, 200, 150, 80, 70] }],
});

// Hooks for tests: the size the chart last laid itself out at, and a resize counter.
var chartResizes = 0;
function recordSize() {
  chartEl.setAttribute('data-width', String(chart.getWidth()));
  chartEl.setAttribute('data-height', String(chart.getHeight()));
}
chart.on('finished', function () {
  chartEl.setAttribute('data-rendered', 'yes');
});
recordSize();

window.addEventListener('resize', function () {
  chart.resize();
  chartResizes += 1;
  recordSize();
});
