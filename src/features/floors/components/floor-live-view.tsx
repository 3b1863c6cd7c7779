import { useRef, useState } from 'react';
import type { Desk, Floor, Zone } from '../../../../contract/desks.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { planUrl } from '../api/floors.ts';
import { DeskGlyph, PlanBackground, ZoomControls, useViewport, type DeskState } from './floor-canvas.tsx';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';

/** What the live map needs to know of a desk's occupancy (given by the page, from the occupancy data). */
export interface DeskLiveInfo {
  state: DeskState;
  occupant: string | null;
  since: string | null;
  phoneRegistered: boolean;
  onCall: boolean;
  /** A logout waits for the call to end. */
  logoutDeferred: boolean;
  /** An emergency call was made from the desk; it is left as it is until `until`. */
  emergency: { number: string; at: string; until: string } | null;
  /** The dispatchable location (site address, floor, desk); null when the floor has no site with an address. */
  location: string | null;
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
}

const stateText: Record<DeskState, string> = {
  free: 'Free',
  occupied: 'Occupied',
  oncall: 'On a call',
  offline: 'Phone offline',
  closed: 'Closed for check-in',
  emergency: 'Emergency call',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** What the phone is doing, in words: an emergency call's callback window, a call, a logout waiting for it. */
export function callText(info: DeskLiveInfo): string | null {
  if (info.emergency)
    return `Emergency call to ${info.emergency.number} at ${clockFormat.format(new Date(info.emergency.at))}: left as it is until ${clockFormat.format(new Date(info.emergency.until))} for the callback`;
  if (info.onCall && info.logoutDeferred) return 'On a call — logs out when it ends';
  if (info.onCall) return 'On a call';
  return null;
}

export function describeDesk(desk: Desk, info: DeskLiveInfo | undefined): string {
  if (!info) return `Desk ${desk.name}`;
  const who = info.occupant
    ? `, ${info.occupant}${info.since ? ` since ${timeFormat.format(new Date(info.since))}` : ''}`
    : '';
  const phone = info.occupant && !info.phoneRegistered ? ', phone not registered' : '';
  const call = info.state === 'emergency' || info.state === 'oncall' ? '' : callText(info);
  const detail = info.state === 'emergency' ? `: ${callText(info) ?? ''}` : '';
  return `Desk ${desk.name}: ${stateText[info.state]}${detail}${who}${phone}${call ? `, ${call}` : ''}`;
}

/** The floor as helpdesk sees it: every desk coloured (and marked) by state, details on hover, focus or click. */
export function FloorLiveView({ floor, desks, zones, live, onForceLogout, onCheckIn }: FloorLiveViewProps) {
  const width = floor.plan?.width ?? 1000;
  const height = floor.plan?.height ?? 700;
  const svgRef = useRef<SVGSVGElement>(null);
  const { viewport, zoomBy, fit } = useViewport(svgRef, width, height);
  const [hovered, setHovered] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const onFloor = desks.filter((desk) => desk.floorId === floor.id && desk.x !== null && desk.y !== null);
  const url = useResourceUrl(planUrl(floor));
  const openedDesk = onFloor.find((desk) => desk.id === opened) ?? null;
  const openedInfo = openedDesk ? live.get(openedDesk.id) : undefined;
  const hoveredDesk = onFloor.find((desk) => desk.id === hovered) ?? null;
  const counts = { free: 0, occupied: 0, oncall: 0, offline: 0, closed: 0, emergency: 0 };
  for (const desk of onFloor) counts[live.get(desk.id)?.state ?? 'free'] += 1;

  return (
    <div className="floor-live">
      <div className="editor-toolbar">
        <ul className="legend" aria-label="Legend">
          {(['free', 'occupied', 'oncall', 'offline', 'closed', 'emergency'] as const).map((state) => (
            <li key={state}>
              <svg width="30" height="20" aria-hidden="true" className={`desk-glyph state-${state}`}>
                <rect x="1" y="1" width="28" height="18" rx="3" />
                <text x="24" y="10" fontSize="10" textAnchor="middle" className="desk-mark">
                  {state === 'occupied' ? '●' : state === 'offline' ? '✕' : state === 'free' ? '✓' : '–'}
                </text>
              </svg>
              {stateText[state]} <span className="muted">({counts[state]})</span>
            </li>
          ))}
        </ul>
        <div className="toolbar-spacer" />
        <ZoomControls zoomBy={zoomBy} fit={fit} />
      </div>
      <div className="editor-body">
        <div className="editor-canvas-wrap">
          <svg ref={svgRef} className="floor-canvas" role="group" aria-label={`Live map of ${floor.name}`}>
            <g transform={`translate(${viewport.tx} ${viewport.ty}) scale(${viewport.k})`}>
              <PlanBackground url={url} width={width} height={height} zones={zones} />
              {onFloor.map((desk) => (
                <DeskGlyph
                  key={desk.id}
                  id={desk.id}
                  name={desk.name}
                  x={desk.x ?? 0}
                  y={desk.y ?? 0}
                  rotation={desk.rotation}
                  planWidth={width}
                  planHeight={height}
                  state={live.get(desk.id)?.state ?? 'free'}
                  selected={desk.id === opened}
                  label={describeDesk(desk, live.get(desk.id))}
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
                  tooltip={describeDesk(desk, live.get(desk.id))}
                />
              ))}
            </g>
          </svg>
          <p className="canvas-hint" role="status">
            {hoveredDesk
              ? describeDesk(hoveredDesk, live.get(hoveredDesk.id))
              : 'Point at or tab to a desk to see who sits there; click or press Enter for details.'}
          </p>
        </div>
        <aside className="editor-sidebar" aria-label="Desk details">
          {openedDesk ? (
            <section className="sidebar-section">
              <h3>Desk {openedDesk.name}</h3>
              <dl className="details">
                <dt>State</dt>
                <dd>{stateText[openedInfo?.state ?? 'free']}</dd>
                <dt>Occupant</dt>
                <dd>{openedInfo?.occupant ?? '—'}</dd>
                <dt>Since</dt>
                <dd>{openedInfo?.since ? timeFormat.format(new Date(openedInfo.since)) : '—'}</dd>
                <dt>Phone</dt>
                <dd>
                  {formatMac(openedDesk.mac)} · {openedInfo?.phoneRegistered ? 'registered' : 'not registered'}
                  {openedInfo && callText(openedInfo) && (
                    <span className={`call-note${openedInfo.emergency ? ' call-emergency' : ''}`}>
                      {callText(openedInfo)}
                    </span>
                  )}
                </dd>
                <dt>Location</dt>
                <dd>{openedInfo?.location ?? <span className="muted">No address: give the floor a site</span>}</dd>
                <dt>Computers</dt>
                <dd>{openedDesk.computerNames.join(', ') || '—'}</dd>
              </dl>
              {onForceLogout && openedInfo?.occupant && !openedInfo.emergency && (
                <button type="button" className="button button-danger" onClick={() => onForceLogout(openedDesk)}>
                  {openedInfo.logoutDeferred ? 'Log out now (ends the call)' : 'Force logout'}
                </button>
              )}
              {onCheckIn && openedInfo && !openedInfo.occupant && openedDesk.enabled && (
                <button type="button" className="button button-primary" onClick={() => onCheckIn(openedDesk)}>
                  Check someone in
                </button>
              )}
              <button type="button" className="button button-quiet" onClick={() => setOpened(null)}>
                Close details
              </button>
            </section>
          ) : (
            <section className="sidebar-section">
              <h3>{floor.name}</h3>
              <p className="muted">
                {onFloor.length} desks: {counts.occupied + counts.oncall} occupied, {counts.free} free
                {counts.offline > 0 ? `, ${counts.offline} with the phone offline` : ''}
                {counts.emergency > 0 ? `, ${counts.emergency} after an emergency call` : ''}.
              </p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
