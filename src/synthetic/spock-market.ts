/**
 * Market-wide and account tables of a synthetic Spock file: `market_sentiment`,
 * `global_market_indices`, `exchange_rate_history` (no UNIQUE in older files, so ~5% of rates are
 * written twice), `trades` (`YYYY-MM-DD HH:MM:SS` timestamps), `portfolio` (no region), and the
 * operational tables with no home in the platform. Each table has one row a loader must reject.
 */
import { localStamp } from "./spock-prices.ts";
import type { SampleInstrument } from "./spock-universe.ts";
import type { SampleWriter } from "./sqlite-writer.ts";

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

export function writeMarketTables(writer: SampleWriter, dates: string[], uniform: () => number): void {
  const sentiment = writer.table("market_sentiment", [
    "date", "vix", "fear_greed_index", "kospi_index", "kosdaq_index", "foreign_net_buying", "institution_net_buying",
    "usd_krw", "jpy_krw", "oil_price", "gold_price", "market_regime", "sentiment_score", "created_at",
  ]);
  dates.forEach((date, i) => {
    const vix = round(12 + uniform() * 25, 2);
    sentiment([
      date, vix, i % 9 === 0 ? null : round(uniform() * 100, 1), round(2400 + uniform() * 600, 2), round(700 + uniform() * 200, 2),
      round((uniform() - 0.5) * 1e12, 0), round((uniform() - 0.5) * 1e12, 0), round(1300 + uniform() * 100, 2),
      round(8.5 + uniform(), 4), round(60 + uniform() * 20, 2), round(1900 + uniform() * 700, 2),
      vix < 18 ? "bull" : vix < 28 ? "sideways" : "bear", round(uniform() * 100, 2), localStamp(date, uniform),
    ]);
  });
  sentiment([null, 20, 50, 2500, 800, 0, 0, 1350, 9, 70, 2000, "sideways", 50, null]);

  const indices = writer.table("global_market_indices", [
    "date", "symbol", "index_name", "region", "close_price", "open_price", "high_price", "low_price", "volume",
    "change_percent", "trend_5d", "consecutive_days", "created_at",
  ]);
  const symbols: [string, string, string, number][] = [["^GSPC", "S&P 500", "US", 5000], ["^IXIC", "NASDAQ Composite", "US", 16000], ["^DJI", "Dow Jones", "US", 39000],
    ["^N225", "Nikkei 225", "ASIA", 38000], ["^HSI", "Hang Seng", "ASIA", 17000]];
  for (const [symbol, name, region, level] of symbols) {
    let previous = level;
    for (const date of dates) {
      const close = round(previous * (1 + (uniform() - 0.5) * 0.03), 2);
      indices([
        date, symbol, name, region, close, round(previous, 2), round(Math.max(close, previous) * 1.005, 2),
        round(Math.min(close, previous) * 0.995, 2), Math.round(uniform() * 5e9), round((close / previous - 1) * 100, 4),
        close > previous ? "UP" : "DOWN", 1 + Math.floor(uniform() * 5), `${date} 22:00:00`,
      ]);
      previous = close;
    }
  }
  indices(["2024-06-31", "^GSPC", "S&P 500", "US", 5000, 5000, 5010, 4990, 1, 0.1, "UP", 1, null]);

  const rates = writer.table("exchange_rate_history", ["currency", "rate", "timestamp", "rate_date", "source", "created_at"]);
  const levels = { USD: 1350, JPY: 9.1, CNY: 187, HKD: 173 } as const;
  for (const date of dates) {
    for (const [currency, level] of Object.entries(levels)) {
      const rate = round(level * (1 + (uniform() - 0.5) * 0.02), 4);
      rates([currency, rate, `${date} 06:00:00`, date, "BOK", `${date} 06:00:01`]);
      // Older files have no UNIQUE(currency, rate_date): the same day fetched again, a little later.
      if (uniform() < 0.05) rates([currency, round(rate * 1.0001, 4), `${date} 09:00:00`, date, "BOK", `${date} 09:00:01`]);
    }
  }
  rates(["USD", 1350, "2024-02-31 06:00:00", "2024-02-31", "BOK", null]);
}

/** Trades and open positions on Korean master instruments (and one US one). */
export function writeAccountTables(writer: SampleWriter, universe: SampleInstrument[], dates: string[], uniform: () => number): void {
  const held = universe.filter((x) => x.master && x.assetType === "STOCK" && (x.region === "KR" || x.ticker === "AAPL")).slice(0, 8);
  const trades = writer.table("trades", [
    "ticker", "region", "side", "order_type", "quantity", "entry_price", "exit_price", "price", "amount", "fee", "tax",
    "order_no", "execution_no", "entry_timestamp", "exit_timestamp", "order_time", "execution_time", "trade_status",
    "sector", "position_size_percent", "reason", "created_at",
  ]);
  const portfolio = writer.table("portfolio", [
    "ticker", "quantity", "avg_price", "current_price", "market_value", "unrealized_pnl", "unrealized_pnl_pct",
    "stop_loss_price", "profit_target_price", "entry_date", "entry_score", "last_updated",
  ]);
  const last = dates[dates.length - 1];
  held.forEach((x, k) => {
    const entryDate = dates[Math.max(0, dates.length - 40 + k)];
    const price = x.region === "KR" ? 10_000 + Math.round(uniform() * 90_000) : round(150 + uniform() * 50, 2);
    const quantity = x.region === "KR" ? 10 * (1 + k) : 5;
    const orderTime = `${entryDate} 09:0${k}:00`;
    trades([x.ticker, x.region, "BUY", "LIMIT", quantity, price, null, price, price * quantity, round(price * quantity * 0.00015, 2), 0,
      `ORD${k}`, `EXE${k}`, `${entryDate} 09:0${k}:05`, null, orderTime, `${entryDate} 09:0${k}:05`, "OPEN", "", round(uniform() * 10, 2),
      "Stage 2 breakout", `${entryDate} 00:0${k}:06`]);
    const current = round(price * (1 + (uniform() - 0.4) * 0.2), 2);
    portfolio([x.ticker, quantity, price, current, current * quantity, (current - price) * quantity, round((current / price - 1) * 100, 2),
      round(price * 0.92, 2), round(price * 1.25, 2), entryDate, round(uniform() * 100, 1), `${last} 07:00:00`]);
  });
  // A closed round trip, and an order with no side.
  const [x] = held;
  trades([x.ticker, x.region, "SELL", "MARKET", 10, 50_000, 55_000, 55_000, 550_000, 82.5, 1265, "ORD90", "EXE90",
    `${dates[0]} 09:00:05`, `${dates[5]} 10:30:00`, `${dates[5]} 10:29:58`, `${dates[5]} 10:30:00`, "CLOSED", "IT", 5, "target hit", null]);
  trades([x.ticker, x.region, null, "MARKET", 1, null, null, 50_000, 50_000, null, null, null, null, null, null, `${dates[6]} 10:00:00`,
    null, null, null, null, null, null]);
}

/** Operational tables (API logs, caches, sizing, circuit breakers, rebalancing): skipped by the loader. */
export function writeOperationalTables(writer: SampleWriter, universe: SampleInstrument[], dates: string[]): void {
  const logs = writer.table("kis_api_logs", ["endpoint", "status_code", "response_time", "created_at"]);
  const cache = writer.table("filter_cache_stage0", ["ticker", "region", "passed", "cached_at"]);
  const kelly = writer.table("kelly_sizing", ["ticker", "win_rate", "kelly_fraction", "created_at"]);
  const breaker = writer.table("circuit_breaker_logs", ["breaker", "state", "reason", "created_at"]);
  const rebalancing = writer.table("rebalancing_logs", ["run_date", "orders", "notes", "created_at"]);
  for (let i = 0; i < 5; i++) {
    const date = dates[dates.length - 1 - i];
    logs(["/uapi/domestic-stock/v1/quotations/inquire-daily-price", 200, 0.12 * (i + 1), `${date} 01:00:00`]);
    cache([universe[i].ticker, universe[i].region, i % 2, `${date} 02:00:00`]);
    kelly([universe[i].ticker, 0.55, 0.1, `${date} 03:00:00`]);
    breaker(["daily_loss", "CLOSED", "", `${date} 04:00:00`]);
    rebalancing([date, i, null, `${date} 05:00:00`]);
  }
}
