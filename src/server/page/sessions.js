// The sessions page: lists the stored tick sessions and draws the chosen one's candles and order-book
// spread with the locally served lightweight-charts (global LightweightCharts). Reads only this
// server's API; failures are shown in the status line.
"use strict";

const { createChart, CandlestickSeries, LineSeries } = LightweightCharts;

const statusLine = document.getElementById("status");
const summary = document.getElementById("summary");
const symbolSelect = document.getElementById("symbol");
const intervalSelect = document.getElementById("interval");
const tableBody = document.querySelector("#sessions tbody");

const chart = createChart(document.getElementById("chart"), {
  autoSize: true,
  layout: { background: { color: "#ffffff" }, textColor: "#1f2933" },
  timeScale: { timeVisible: true, secondsVisible: true },
  localization: { timeFormatter: (time) => new Date(time * 1000).toISOString().slice(0, 19).replace("T", " ") },
});
const candles = chart.addSeries(CandlestickSeries, {
  upColor: "#26a69a", downColor: "#ef5350", borderVisible: false, wickUpColor: "#26a69a", wickDownColor: "#ef5350",
});
const spread = chart.addSeries(LineSeries, { color: "#3b6fd8", lineWidth: 2, priceFormat: { type: "price", precision: 6, minMove: 0.000001 } }, 1);
chart.panes()[0].setStretchFactor(3);
chart.panes()[1].setStretchFactor(1);

let current = null;

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

const cell = (text, className) => {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
};
const utc = (iso) => (iso ? iso.slice(0, 19).replace("T", " ") : "");
const count = (n) => n.toLocaleString("en-US");

const INTERVAL_SECONDS = { "1m": 60, "5m": 300, "15m": 900, "30m": 1800, "1h": 3600, "4h": 14400, "1d": 86400 };

/** The mean spread of the snapshots in each candle interval (one point per candle, so the panes share their times). */
function spreadPoints(snapshots, seconds) {
  const points = [];
  let sum = 0;
  let count = 0;
  for (const s of snapshots) {
    if (s.spread === null) continue;
    const epoch = Date.parse(s.timestamp) / 1000;
    const time = epoch - (epoch % seconds);
    const last = points[points.length - 1];
    if (last !== undefined && last.time === time) {
      sum += s.spread;
      count++;
      last.value = sum / count;
    } else {
      sum = s.spread;
      count = 1;
      points.push({ time, value: s.spread });
    }
  }
  return points;
}

async function draw() {
  if (!current) return;
  const symbol = symbolSelect.value;
  const id = encodeURIComponent(current.session_id);
  const ohlcv = await api(`/api/chart/ohlcv?session_id=${id}&symbol=${encodeURIComponent(symbol)}&interval=${intervalSelect.value}&limit=1000`);
  candles.setData(ohlcv.candles.map(({ time, open, high, low, close }) => ({ time, open, high, low, close })));
  let books = { snapshots: [] };
  if (current.data_types.includes("orderbook") && ohlcv.candles.length > 0) {
    books = await api(`/api/data-collection/${id}/orderbook?symbol=${encodeURIComponent(symbol)}&from=${ohlcv.candles[0].time}&max_points=5000`);
  }
  spread.setData(spreadPoints(books.snapshots, INTERVAL_SECONDS[intervalSelect.value]));
  chart.timeScale().fitContent();
  const stats = current.stats.symbols.find((s) => s.symbol === symbol);
  summary.textContent = `${current.session_id} · ${symbol}: ${count(stats.price_records)} trades, ${count(stats.orderbook_records)} order books; ` +
    `${ohlcv.candles.length} ${intervalSelect.value} candles, spread from ${books.snapshots.length} order books`;
}

async function select(sessionId, row) {
  for (const r of tableBody.querySelectorAll("tr")) r.classList.toggle("selected", r === row);
  current = await api(`/api/data-collection/${encodeURIComponent(sessionId)}`);
  symbolSelect.replaceChildren(...current.symbols.map((s) => new Option(s, s)));
  await draw();
}

async function start() {
  const { sessions, total_count } = await api("/api/data-collection/sessions?limit=200");
  for (const s of sessions) {
    const row = document.createElement("tr");
    row.dataset.sessionId = s.session_id;
    row.append(cell(s.session_id), cell(s.status), cell(s.symbols.join(", ")), cell(utc(s.start_time)), cell(utc(s.end_time)), cell(count(s.prices_count), "n"), cell(count(s.orderbook_count), "n"));
    row.addEventListener("click", () => select(s.session_id, row).catch(show));
    tableBody.append(row);
  }
  statusLine.textContent = `${total_count} session${total_count === 1 ? "" : "s"}`;
  if (sessions.length > 0) await select(sessions[0].session_id, tableBody.firstElementChild);
}

function show(error) {
  statusLine.textContent = `error: ${error.message}`;
}

symbolSelect.addEventListener("change", () => draw().catch(show));
intervalSelect.addEventListener("change", () => draw().catch(show));
start().catch(show);
