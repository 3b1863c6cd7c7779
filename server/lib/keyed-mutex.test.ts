import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedMutex', () => {
  it('runs work on the same key one after the other', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (name: string) =>
      mutex.run(['a'], async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      });
    await Promise.all([job('1'), job('2')]);
    expect(log).toEqual(['1 start', '1 end', '2 start', '2 end']);
  });

  it('lets work on different keys overlap', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string) =>
      mutex.run([key], async () => {
        log.push(`${key} start`);
        await tick();
        log.push(`${key} end`);
      });
    await Promise.all([job('a'), job('b')]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });

  it('does not deadlock on overlapping key sets taken in different orders', async () => {
    const mutex = new KeyedMutex();
    let done = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        mutex.run(index % 2 ? ['x', 'y'] : ['y', 'x'], async () => {
          await tick();
          done += 1;
        }),
      ),
    );
    expect(done).toBe(20);
  });

  it('releases the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run(['a'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run(['a'], () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
