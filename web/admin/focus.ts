/**
 * After in-app navigation the new screen's heading takes focus (as a page load would reset it),
 * but not on the first load, where the screen's own first field may take it.
 */
let pending = false;

export function requestNavigationFocus(): void {
  pending = true;
}

export function consumeNavigationFocus(): boolean {
  const value = pending;
  pending = false;
  return value;
}
