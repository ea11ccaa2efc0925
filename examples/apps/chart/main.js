// An ECharts bar chart of order totals by region, from the shared state: orders at or above
// `min_amount`, the selected `region` highlighted. Clicking a bar selects its region.
// `echarts` is the global made by vendor/echarts.min.js.
var REGIONS = ['EU', 'US', 'APAC', 'LATAM', 'MEA'];
// On a GlobalState in a notebook; otherwise standalone, with sample data.
var host = window.microfrontends && window.microfrontends.hasGlobalState ? window.microfrontends : null;
var chartEl = document.getElementById('chart');
var chart = echarts.init(chartEl);
var standalone = {
  region: 'All', min_amount: 0,
  orders: REGIONS.map(function (region, i) { return { region: region, amount: 100 * (i + 1) }; }),
};

function totals(state) {
  return REGIONS.map(function (region) {
    return (state.orders || []).reduce(function (sum, order) {
      return order.region === region && order.amount >= (state.min_amount || 0) ? sum + order.amount : sum;
    }, 0);
  });
}

function draw(state) {
  var values = totals(state);
  chart.setOption({
    title: { text: 'Order totals by region' },
    tooltip: {},
    grid: { left: 56, right: 16, bottom: 28 },
    xAxis: { type: 'category', data: REGIONS },
    yAxis: { type: 'value' },
    series: [{
      name: 'total', type: 'bar',
      data: values.map(function (value, i) {
        var chosen = state.region === 'All' || state.region === REGIONS[i];
        return { value: value, itemStyle: { color: chosen ? 'rgb(84, 112, 198)' : 'rgb(200, 205, 220)' } };
      }),
    }],
  });
  chartEl.setAttribute('data-totals', values.join(','));
  chartEl.setAttribute('data-region', state.region);
}

chart.on('click', function (event) {
  if (host) host.setGlobalState({ region: event.name });
});

// Hooks for tests: the size the chart last laid itself out at.
function recordSize() {
  chartEl.setAttribute('data-width', String(chart.getWidth()));
  chartEl.setAttribute('data-height', String(chart.getHeight()));
}
chart.on('finished', function () { chartEl.setAttribute('data-rendered', 'yes'); });

window.addEventListener('resize', function () {
  chart.resize();
  recordSize();
});

if (host) host.onGlobalStateChange(draw, true);
else draw(standalone);
recordSize();
