import { describe, expect, it } from 'vitest';
import { repeatedCrashText, startupFailureText } from '../../../electron/main/failure-text';
import { dataDirOverride } from '../../../electron/main/main-args';
import { OutputTail } from '../../../electron/main/output-tail';
import { RestartBudget } from '../../../electron/main/restart-budget';

describe('data folder override', () => {
  it('takes --data-dir in either form, wherever Electron put it', () => {
    expect(dataDirOverride(['/usr/bin/electron', '.', '--data-dir', '/tmp/lib'], {})).toBe('/tmp/lib');
    expect(dataDirOverride(['/opt/Lede/lede', '--inspect=0', '--data-dir=/tmp/lib two'], {})).toBe('/tmp/lib two');
  });

  it('falls back to LEDE_DATA_DIR, then to none', () => {
    expect(dataDirOverride(['electron', '.'], { LEDE_DATA_DIR: '/tmp/env-lib' })).toBe('/tmp/env-lib');
    expect(dataDirOverride(['electron', '.', '--data-dir=/a'], { LEDE_DATA_DIR: '/b' })).toBe('/a');
    expect(dataDirOverride(['electron', '.'], { LEDE_DATA_DIR: '  ' })).toBeNull();
    expect(dataDirOverride(['electron', '.', '--data-dir'], {})).toBeNull();
    expect(dataDirOverride(['electron', '.', '--data-dir='], {})).toBeNull();
    expect(dataDirOverride(['electron', '.', '--remote-debugging-port=0'], {})).toBeNull();
  });
});

describe('restart budget', () => {
  it('allows N attempts per window of time', () => {
    const budget = new RestartBudget(3, 60_000);
    expect([budget.take(0), budget.take(1000), budget.take(2000), budget.take(3000)]).toEqual([true, true, true, false]);
    expect(budget.take(60_000)).toBe(true);
    expect(budget.take(60_500)).toBe(false);
    expect(budget.take(200_000)).toBe(true);
  });
});

describe('output tail', () => {
  it('keeps the last whole lines within its limit', () => {
    const tail = new OutputTail(20);
    tail.push('first line here\n');
    tail.push(Buffer.from('second\nthird\n'));
    expect(tail.toString()).toBe('second\nthird\n');
    expect(new OutputTail().toString()).toBe('');
  });
});

describe('dialog texts', () => {
  it('names the kind of startup failure and keeps core’s own explanation', () => {
    const text = startupFailureText({ code: 'db_newer_version', message: 'Update Lede to open it.' }, '/home/a/.config/Lede');
    expect(text.message).toBe('This library was made by a newer Lede');
    expect(text.detail).toContain('Update Lede to open it.');
    expect(text.detail).toContain('/home/a/.config/Lede');
    expect(startupFailureText({ code: 'internal', message: 'x' }, '/d').message).toBe('Lede cannot open its library');
  });

  it('shows the last output of a core that keeps stopping', () => {
    const text = repeatedCrashText({ exitCode: 70, output: 'Error: boom\n' }, '/d/logs');
    expect(text.detail).toContain('Exit code: 70');
    expect(text.detail).toContain('Error: boom');
    expect(repeatedCrashText({ exitCode: 1, output: '' }, '/d/logs').detail).not.toContain('Last output');
  });
});
