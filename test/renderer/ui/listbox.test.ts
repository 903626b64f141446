import { describe, expect, it } from 'vitest';
import { navigationTarget, type ListboxLayout } from '../../../renderer/ui/listbox';

const list: ListboxLayout = { kind: 'list', pageRows: 9 };
const grid: ListboxLayout = { kind: 'grid', columns: 5, pageRows: 3, rtl: false };

describe('listbox keys', () => {
  it('in the library list: up and down by one, a page by its rows, Home and End; left and right are not its keys', () => {
    expect(navigationTarget('ArrowDown', 4, 100, list)).toBe(5);
    expect(navigationTarget('ArrowUp', 4, 100, list)).toBe(3);
    expect(navigationTarget('PageDown', 4, 100, list)).toBe(13);
    expect(navigationTarget('PageUp', 4, 100, list)).toBe(0);
    expect(navigationTarget('Home', 40, 100, list)).toBe(0);
    expect(navigationTarget('End', 4, 100, list)).toBe(99);
    expect(navigationTarget('ArrowRight', 4, 100, list)).toBeNull();
    expect(navigationTarget('ArrowLeft', 4, 100, list)).toBeNull();
    expect(navigationTarget('Enter', 4, 100, list)).toBeNull();
  });

  it('in the photo grid: left and right along a row, up and down by a row, a page by rows of columns', () => {
    expect(navigationTarget('ArrowRight', 7, 100, grid)).toBe(8);
    expect(navigationTarget('ArrowLeft', 7, 100, grid)).toBe(6);
    expect(navigationTarget('ArrowDown', 7, 100, grid)).toBe(12);
    expect(navigationTarget('ArrowUp', 7, 100, grid)).toBe(2);
    expect(navigationTarget('PageDown', 7, 100, grid)).toBe(22);
    expect(navigationTarget('PageUp', 22, 100, grid)).toBe(7);
    expect(navigationTarget(' ', 7, 100, grid)).toBeNull();
  });

  it('a right-to-left page swaps left and right', () => {
    const rtl: ListboxLayout = { ...grid, rtl: true };
    expect(navigationTarget('ArrowRight', 7, 100, rtl)).toBe(6);
    expect(navigationTarget('ArrowLeft', 7, 100, rtl)).toBe(8);
  });

  it('stays inside the list', () => {
    expect(navigationTarget('ArrowDown', 99, 100, list)).toBe(99);
    expect(navigationTarget('ArrowUp', 2, 100, grid)).toBe(0);
    expect(navigationTarget('ArrowDown', 97, 100, grid)).toBe(99);
    expect(navigationTarget('PageDown', 90, 100, grid)).toBe(99);
  });
});
