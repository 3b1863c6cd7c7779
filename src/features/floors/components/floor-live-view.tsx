import { useMemo, useRef, useState } from 'react';
import type { Desk } from '../../../../contract/desks.ts';
import type { Floor, Zone } from '../../../../contract/floors.ts';
import { formatMac } from '../../../../contract/mac.ts';
import type { EmergencyNoticeState } from '../../../../contract/occupancy.ts';
import { foldForSearch, matchesWords, searchWords } from '../../../../contract/search.ts';
import { formatDateTime, formatTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';
import { planUrl } from '../api/floors.ts';
import {
  DeskGlyph,
  deskShapeStyle,
  PlanBackground,
  ZoomControls,
  placedDeskProps,
  useViewport,
  type DeskState,
} from './floor-canvas.tsx';

/** What the live map needs to know of a desk's occupancy (given by the page, from the occupancy data). */
export interface DeskLiveInfo {
  /** The desk's name and floor: the search finds desks and people on every floor, not only the one shown. */
  deskName: string;
  floorId: string | null;
  /** Name, occupant, computer names and MAC, folded for search (`foldForSearch`). */
  searchText: string;
  state: DeskState;
  occupant: string | null;
  since: string | null;
  /** Null while the PBX connection is down: not known. */
  phoneRegistered: boolean | null;
  onCall: boolean;
  /** A logout waits for the call to end. */
  logoutDeferred: boolean;
  /** An emergency call was made from the desk; it is left as it is until `until`. */
  emergency: { number: string; at: string; until: string; notice: EmergencyNoticeState | null } | null;
  /** The dispatchable location (site address, floor, desk); null when the floor has no site with an address. */
  location: string | null;
  /** The booking of now or later today (booked or confirmed), if any. */
  booking: { person: string | null; start: string; end: string; confirmed: boolean } | null;
}

interface FloorLiveViewProps {
  floor: Floor;
  desks: Desk[];
  zones: Zone[];
  live: ReadonlyMap<string, DeskLiveInfo>;
  /** Present for helpdesk and admin. */
  onForceLogout?: ((desk: Desk) => void) | undefined;
  /** Helpdesk and admins: check someone in at a free desk. */
  onCheckIn?: ((desk: Desk) => void) | undefined;
  /** A desk to open (from a link: the board's desk names lead here). */
  focusDeskId?: string | null | undefined;
  /** Every floor by name, and how to go to a desk on another one (a search hit elsewhere). */
  floorNames: ReadonlyMap<string, string>;
  onGoTo: (floorId: string, deskId: string) => void;
}

/** Search hits on other floors listed under the search field, at most this many. */
const ELSEWHERE_SHOWN = 5;

const stateText = {
  free: 'live.free',
  booked: 'live.booked',
  occupied: 'live.occupied',
  oncall: 'live.oncall',
  offline: 'live.offline',
  closed: 'live.closed',
  emergency: 'live.emergency',
} as const satisfies Record<DeskState, MessageId>;

const LEGEND_MARKS: Record<DeskState, string> = {
  free: '✓',
  booked: '◷',
  occupied: '●',
  oncall: '–',
  offline: '✕',
  closed: '–',
  emergency: '–',
};

/** Whose booking, when, and whether its person has confirmed it. */
export function bookingText(t: Translate, booking: NonNullable<DeskLiveInfo['booking']>): string {
  const values = { name: booking.person ?? '', from: formatTime(booking.start), to: formatTime(booking.end) };
  return booking.confirmed ? t('live.bookingConfirmed', values) : t('live.bookingFor', values);
}

/** What the phone is doing, in words: an emergency call's callback window, a call, a logout waiting for it. */
export function callText(t: Translate, info: DeskLiveInfo): string | null {
  if (info.emergency) {
    const call = t('live.emergencyCall', {
      number: info.emergency.number,
      at: formatTime(info.emergency.at),
      until: formatTime(info.emergency.until),
    });
    const { notice } = info.emergency;
    if (notice === 'failed') return `${call}. ${t('phone.noticeFailedHint')}`;
    if (notice === 'retrying') return `${call}. ${t('phone.noticeRetryingHint')}`;
    return call;
  }
  if (info.onCall && info.logoutDeferred) return t('phone.onCallDeferred');
  if (info.onCall) return t('phone.onCall');
  return null;
}

export function describeDesk(t: Translate, desk: Desk, info: DeskLiveInfo | undefined): string {
  if (!info) return t('live.desk', { desk: desk.name });
  const parts = [t('live.deskState', { desk: desk.name, state: t(stateText[info.state]) })];
  if (info.state === 'emergency') parts.push(callText(t, info) ?? '');
  if (info.occupant) {
    parts.push(
      info.since ? t('live.occupantSince', { name: info.occupant, since: formatDateTime(info.since) }) : info.occupant,
    );
  }
  if (info.occupant && info.phoneRegistered === false) parts.push(t('live.notRegistered'));
  if (info.booking) parts.push(bookingText(t, info.booking));
  else if (!desk.bookable) parts.push(t('live.walkIn'));
  const call = info.state === 'emergency' || info.state === 'oncall' ? null : callText(t, info);
  if (call) parts.push(call);
  return parts.join(', ');
}

/** The floor as helpdesk sees it: every desk coloured (and marked) by state, details on hover, focus or click. */
export function FloorLiveView({
  floor,
  desks,
  zones,
  live,
  onForceLogout,
  onCheckIn,
  focusDeskId,
  floorNames,
  onGoTo,
}: FloorLiveViewProps) {
  const t = useT();
  const width = floor.plan?.width ?? 1000;
  const height = floor.plan?.height ?? 700;
  const svgRef = useRef<SVGSVGElement>(null);
  const { viewport, zoomBy, fit } = useViewport(svgRef, width, height);
  const [hovered, setHovered] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(focusDeskId ?? null);
  const [query, setQuery] = useState('');
  // A link or a hit on another floor names a desk: it opens (React's "state from a changed prop").
  const [focused, setFocused] = useState(focusDeskId);
  if (focusDeskId !== focused) {
    setFocused(focusDeskId);
    if (focusDeskId) setOpened(focusDeskId);
  }
  const onFloor = desks.filter((desk) => desk.floorId === floor.id && desk.x !== null && desk.y !== null);
  const url = useResourceUrl(planUrl(floor));
  const openedDesk = onFloor.find((desk) => desk.id === opened) ?? null;
  const openedInfo = openedDesk ? live.get(openedDesk.id) : undefined;
  const hoveredDesk = onFloor.find((desk) => desk.id === hovered) ?? null;
  const counts = { free: 0, booked: 0, occupied: 0, oncall: 0, offline: 0, closed: 0, emergency: 0 };
  let occupied = 0;
  for (const desk of onFloor) {
    const info = live.get(desk.id);
    counts[info?.state ?? 'free'] += 1;
    // Occupied means someone holds the desk, whatever the phone does.
    if (info?.occupant) occupied += 1;
  }
  const words = useMemo(() => searchWords(query), [query]);
  const found = new Set(
    words.length === 0
      ? []
      : onFloor
          .filter((desk) =>
            matchesWords(
              words,
              foldForSearch([desk.name, live.get(desk.id)?.occupant ?? '', ...desk.computerNames, desk.mac].join(' ')),
            ),
          )
          .map((desk) => desk.id),
  );
  const elsewhere =
    words.length === 0
      ? []
      : [...live.entries()]
          .filter(
            ([, info]) => info.floorId !== null && info.floorId !== floor.id && matchesWords(words, info.searchText),
          )
          .sort(([, a], [, b]) => a.deskName.localeCompare(b.deskName));
  const legendCount = (state: DeskState) => (state === 'occupied' ? occupied : counts[state]);

  return (
    <div className="floor-live">
      <div className="editor-toolbar">
        <div className="field field-inline map-search">
          <label htmlFor="live-search">{t('live.search')}</label>
          <input
            id="live-search"
            type="search"
            placeholder={t('live.searchPlaceholder')}
            value={query}
            aria-describedby="live-search-result"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              const first = [...found][0];
              const other = elsewhere[0];
              if (first !== undefined) setOpened(first);
              else if (other) onGoTo(other[1].floorId ?? '', other[0]);
            }}
          />
          <span id="live-search-result" className="muted" role="status">
            {words.length > 0 ? t('live.found', { count: found.size }) : ''}
            {elsewhere.length > 0 ? ` · ${t('live.foundElsewhere', { count: elsewhere.length })}` : ''}
          </span>
        </div>
        {elsewhere.length > 0 && (
          <ul className="map-elsewhere" aria-label={t('live.elsewhere')}>
            {elsewhere.slice(0, ELSEWHERE_SHOWN).map(([deskId, info]) => (
              <li key={deskId}>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setQuery('');
                    onGoTo(info.floorId ?? '', deskId);
                  }}
                >
                  {t('live.goTo', {
                    who: info.occupant ?? info.deskName,
                    desk: info.deskName,
                    floor: floorNames.get(info.floorId ?? '') ?? '',
                  })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ul className="legend" aria-label={t('live.legend')}>
          {(['free', 'booked', 'occupied', 'oncall', 'offline', 'closed', 'emergency'] as const).map((state) => (
            <li key={state}>
              <svg width="30" height="20" aria-hidden="true" className={`desk-glyph state-${state}`}>
                <rect x="1" y="1" width="28" height="18" rx="3" />
                <text x="24" y="10" fontSize="10" textAnchor="middle" className="desk-mark">
                  {LEGEND_MARKS[state]}
                </text>
              </svg>
              {t(stateText[state])} <span className="muted">({legendCount(state)})</span>
            </li>
          ))}
        </ul>
        <div className="toolbar-spacer" />
        <ZoomControls zoomBy={zoomBy} fit={fit} />
      </div>
      <div className="editor-body">
        <div className="editor-canvas-wrap">
          <svg ref={svgRef} className="floor-canvas" role="group" aria-label={t('live.mapOf', { floor: floor.name })}>
            <g
              transform={`translate(${viewport.tx} ${viewport.ty}) scale(${viewport.k})`}
              style={deskShapeStyle(width)}
            >
              <PlanBackground url={url} width={width} height={height} zones={zones} />
              {onFloor.map((desk) => {
                const info = live.get(desk.id);
                return (
                  <DeskGlyph
                    key={desk.id}
                    {...placedDeskProps(desk, width, height)}
                    state={info?.state ?? 'free'}
                    selected={desk.id === opened}
                    found={found.has(desk.id)}
                    caption={info?.occupant}
                    label={describeDesk(t, desk, info)}
                    onFocus={() => setHovered(desk.id)}
                    onBlur={() => setHovered(null)}
                    onClick={() => setOpened(desk.id)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        setOpened(desk.id);
                      }
                    }}
                    onPointerEnter={() => setHovered(desk.id)}
                    onPointerLeave={() => setHovered(null)}
                    tooltip={describeDesk(t, desk, info)}
                  />
                );
              })}
            </g>
          </svg>
          <p className="canvas-hint" role="status">
            {hoveredDesk ? describeDesk(t, hoveredDesk, live.get(hoveredDesk.id)) : t('live.hint')}
          </p>
        </div>
        <aside className="editor-sidebar" aria-label={t('live.details')}>
          {openedDesk ? (
            <section className="sidebar-section">
              <h3>{t('live.desk', { desk: openedDesk.name })}</h3>
              <dl className="details">
                <dt>{t('live.state')}</dt>
                <dd>{t(stateText[openedInfo?.state ?? 'free'])}</dd>
                <dt>{t('board.occupant')}</dt>
                <dd>{openedInfo?.occupant ?? '—'}</dd>
                <dt>{t('board.since')}</dt>
                <dd>{openedInfo?.since ? formatDateTime(openedInfo.since) : '—'}</dd>
                <dt>{t('board.phone')}</dt>
                <dd>
                  {formatMac(openedDesk.mac)} ·{' '}
                  {openedInfo?.phoneRegistered === null
                    ? t('phone.staleHint')
                    : openedInfo?.phoneRegistered
                      ? t('live.registered')
                      : t('live.notRegisteredShort')}
                  {openedInfo && callText(t, openedInfo) && (
                    <span className={`call-note${openedInfo.emergency ? ' call-emergency' : ''}`}>
                      {callText(t, openedInfo)}
                    </span>
                  )}
                </dd>
                <dt>{t('live.booking')}</dt>
                <dd>
                  {openedInfo?.booking
                    ? bookingText(t, openedInfo.booking)
                    : openedDesk.bookable
                      ? '—'
                      : t('live.walkIn')}
                </dd>
                <dt>{t('live.location')}</dt>
                <dd>{openedInfo?.location ?? <span className="muted">{t('live.noAddress')}</span>}</dd>
                <dt>{t('live.computers')}</dt>
                <dd>{openedDesk.computerNames.join(', ') || '—'}</dd>
              </dl>
              {onForceLogout && openedInfo?.occupant && !openedInfo.emergency && (
                <button type="button" className="button button-danger" onClick={() => onForceLogout(openedDesk)}>
                  {openedInfo.logoutDeferred ? t('live.logoutNow') : t('live.forceLogout')}
                </button>
              )}
              {onCheckIn && openedInfo && !openedInfo.occupant && openedDesk.enabled && (
                <button type="button" className="button button-primary" onClick={() => onCheckIn(openedDesk)}>
                  {t('live.checkIn')}
                </button>
              )}
              <button type="button" className="button button-quiet" onClick={() => setOpened(null)}>
                {t('live.closeDetails')}
              </button>
            </section>
          ) : (
            <section className="sidebar-section">
              <h3>{floor.name}</h3>
              <p className="muted">
                {t('live.summary', { desks: onFloor.length, occupied, free: counts.free })}
                {counts.booked > 0 && <> {t('live.summaryBooked', { count: counts.booked })}</>}
                {counts.offline > 0 && <> {t('live.summaryOffline', { count: counts.offline })}</>}
                {counts.emergency > 0 && <> {t('live.summaryEmergency', { count: counts.emergency })}</>}
              </p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
