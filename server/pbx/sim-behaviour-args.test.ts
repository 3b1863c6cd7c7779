import { describe, expect, it } from 'vitest';
import { behaviourFromArgs, documentedBehaviour, pseudoColumn } from '../../sim/sim-behaviour.ts';

describe('the simulator behaviours', () => {
  it('reads a behaviour from the command line, ignoring what it does not know', () => {
    expect(
      behaviourFromArgs([
        '--keep-alive',
        'answered',
        '--hw-case',
        'upper',
        '--master-sees-slaves',
        'true',
        '--nope',
        'x',
      ]),
    ).toEqual({ keepAlive: 'answered', hwCase: 'upper', masterSeesSlaves: true });
  });

  it('writes the pseudo column as a real PBX does: XML with the type and its attributes, empty for a user', () => {
    expect(pseudoColumn(null, documentedBehaviour)).toBe('');
    expect(pseudoColumn({ type: 'app', url: 'https://h/a?x=1&y="2"' }, documentedBehaviour)).toBe(
      '<pseudo type="app" url="https://h/a?x=1&amp;y=&quot;2&quot;"/>',
    );
    expect(pseudoColumn({ type: 'executive' }, { ...documentedBehaviour, pseudoColumn: 'type' })).toBe('executive');
  });
});
