import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pbx } from './pbx/pbx.ts';

/** What the metrics read when scraped. */
export interface MetricsSources {
  pbx: Pbx;
  leads: () => boolean;
  streams: () => number;
  /** PostgreSQL's pool (null on PGlite). */
  pool: () => { total: number; idle: number; waiting: number } | null;
  version: string;
}

const STATES = ['connecting', 'connected', 'unresponsive', 'reconnecting', 'disconnected'] as const;

/**
 * The service's Prometheus metrics (`GET /metrics`, docs/operating.md), one registry per service so that tests
 * can run several in a process. Counters are counted as things happen; gauges are read at each scrape.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly checkins: Counter<'method' | 'outcome'>;
  private readonly checkinSeconds: Histogram<'method'>;
  private readonly requests: Counter<'method' | 'status'>;
  private readonly requestSeconds: Histogram<'method'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'hotdesk_' });
    new Gauge({
      name: 'hotdesk_build_info',
      help: 'The running version (always 1).',
      labelNames: ['version'],
      registers,
      collect() {
        this.set({ version: sources.version }, 1);
      },
    });
    this.checkins = new Counter({
      name: 'hotdesk_checkins_total',
      help: 'Check-ins by method (desk, computer, thinclient, console, phone) and outcome (ok or the refusal code).',
      labelNames: ['method', 'outcome'],
      registers,
    });
    this.checkinSeconds = new Histogram({
      name: 'hotdesk_checkin_duration_seconds',
      help: 'How long a check-in took, PBX writes included.',
      labelNames: ['method'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.requests = new Counter({
      name: 'hotdesk_http_requests_total',
      help: 'HTTP requests by method and status.',
      labelNames: ['method', 'status'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'hotdesk_http_request_duration_seconds',
      help: 'HTTP request durations.',
      labelNames: ['method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    new Gauge({
      name: 'hotdesk_pbx_state',
      help: 'Each PBX connection: 1 for its current state.',
      labelNames: ['pbx', 'master', 'state'],
      registers,
      collect() {
        this.reset();
        for (const link of sources.pbx.status().pbxs)
          for (const state of STATES)
            this.set({ pbx: link.name, master: String(link.master), state }, link.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hotdesk_pbx_registrations',
      help: 'Devices registered, per PBX.',
      labelNames: ['pbx'],
      registers,
      collect() {
        this.reset();
        for (const link of sources.pbx.status().pbxs) this.set({ pbx: link.name }, link.registrations);
      },
    });
    new Gauge({
      name: 'hotdesk_pbx_moves_pending',
      help: 'Device moves begun and not yet closed (repaired on the next resync).',
      registers,
      async collect() {
        this.set((await sources.pbx.checkInvariants()).pendingMoves);
      },
    });
    new Gauge({
      name: 'hotdesk_leader',
      help: '1 while this instance does the background work.',
      registers,
      collect() {
        this.set(sources.leads() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hotdesk_event_streams',
      help: 'Open live event streams (consoles).',
      registers,
      collect() {
        this.set(sources.streams());
      },
    });
    new Gauge({
      name: 'hotdesk_db_pool_connections',
      help: 'PostgreSQL pool connections by kind (total, idle, waiting requests); absent on PGlite.',
      labelNames: ['kind'],
      registers,
      collect() {
        const pool = sources.pool();
        this.reset();
        if (pool) for (const [kind, value] of Object.entries(pool)) this.set({ kind }, value);
      },
    });
  }

  checkin(method: string, outcome: string, seconds: number): void {
    this.checkins.inc({ method, outcome });
    this.checkinSeconds.observe({ method }, seconds);
  }

  request(method: string, status: number, seconds: number): void {
    this.requests.inc({ method, status: String(status) });
    this.requestSeconds.observe({ method }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
