// Charts on the usage page, drawn with uPlot (served from our origin under /assets/vendor/uplot/).
// Every table marked `data-chart` gets a chart above it, read from the table's own cells: the row's
// `data-day` and each cell's `data-value` under a header that names its unit in `data-series`. So the
// numbers exist once, in the table; the chart is aria-hidden decoration, and without this script (or
// with it failing) the page is complete.
import uPlot from '/assets/vendor/uplot/uPlot.esm.js';

const CHART_HEIGHT = 240;
/** Series differ by dash pattern as well as colour, so no line is told apart by colour alone. */
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];
const COLOR_VARIABLES = ['--primary', '--success', '--danger', '--banner-text', '--muted', '--text'];

function loadStylesheet() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/vendor/uplot/uPlot.min.css';
  document.head.append(link);
}

function palette() {
  const style = getComputedStyle(document.documentElement);
  return COLOR_VARIABLES.map((name) => style.getPropertyValue(name).trim() || '#1f4fd1');
}

function readTable(table) {
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
  const series = headers
    .map((cell, index) => ({ index, label: cell.textContent.trim(), unit: cell.dataset.series }))
    .filter((column) => column.unit);
  const rows = [...(table.tBodies[0]?.rows ?? [])]
    .map((row) => ({
      day: row.cells[0]?.dataset.day ?? '',
      values: series.map((column) => {
        const raw = row.cells[column.index]?.dataset.value;
        if (raw === undefined || raw === '') return null;
        const value = Number(raw);
        return column.unit === 'percent' ? value * 100 : value;
      }),
    }))
    .filter((row) => row.day !== '')
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const days = rows.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
  return { series, data: [days, ...series.map((_, index) => rows.map((row) => row.values[index]))] };
}

function formatterFor(unit) {
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    maximumFractionDigits: unit === 'count' ? 0 : 1,
  });
  const suffix = unit === 'percent' ? ' %' : unit === 'ms' ? ' ms' : '';
  return (value) => (value === null || value === undefined ? '—' : `${number.format(value)}${suffix}`);
}

function drawChart(table) {
  const { series, data } = readTable(table);
  if (series.length === 0 || data[0].length === 0) return;
  const wrap = table.closest('.dash-table-wrap') ?? table;
  const holder = document.createElement('div');
  holder.className = 'usage-chart';
  holder.setAttribute('aria-hidden', 'true');
  wrap.before(holder);

  const textColor = getComputedStyle(table).color;
  const gridColor = getComputedStyle(document.documentElement).getPropertyValue('--border-soft').trim();
  const colors = palette();
  const units = [...new Set(series.map((column) => column.unit))];
  const scales = { x: { time: true } };
  for (const unit of units)
    scales[unit] =
      unit === 'percent' ? { range: [0, 100] } : { range: (_u, _min, max) => [0, Math.max(1, max)] };
  const axes = [
    { stroke: textColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } },
    ...units.slice(0, 2).map((unit, side) => {
      const format = formatterFor(unit);
      return {
        scale: unit,
        side: side === 0 ? 3 : 1,
        stroke: textColor,
        grid: { show: side === 0, stroke: gridColor, width: 1 },
        ticks: { stroke: gridColor },
        size: 64,
        values: (_u, splits) => splits.map(format),
      };
    }),
  ];
  const options = {
    width: Math.max(280, holder.clientWidth),
    height: CHART_HEIGHT,
    // Days are UTC days: show them as such whatever the browser's time zone.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    scales,
    axes,
    series: [
      {},
      ...series.map((column, index) => ({
        label: column.label,
        scale: column.unit,
        stroke: colors[index % colors.length],
        dash: DASHES[index % DASHES.length],
        width: 2,
        points: { show: true, size: 5 },
        value: (_u, value) => formatterFor(column.unit)(value),
      })),
    ],
  };
  const chart = new uPlot(options, data, holder);
  new ResizeObserver(() => {
    chart.setSize({ width: Math.max(280, holder.clientWidth), height: CHART_HEIGHT });
  }).observe(holder);
}

const tables = document.querySelectorAll('table[data-chart]');
if (tables.length > 0) {
  loadStylesheet();
  for (const table of tables) {
    try {
      drawChart(table);
    } catch (error) {
      // The table is still there; a chart that cannot be drawn is only decoration lost.
      console.error(error);
    }
  }
}
