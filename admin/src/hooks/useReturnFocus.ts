import * as React from 'react';

/**
 * Gives focus back to what had it when `open` became true (the row or button that opened a dialog) once
 * `open` is false again or the component unmounts. A dialog that is unmounted rather than closed (rendered
 * only while it has something to show) skips Radix's own return of focus, which left focus on the body.
 */
export const useReturnFocus = (open: boolean) => {
  React.useLayoutEffect(() => {
    if (!open) return;
    // Layout effects run before the dialog's focus scope moves focus into it (a passive effect).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // After the dialog's own clean-up, which focuses the body when it has nothing better.
      setTimeout(() => {
        if (opener?.isConnected) opener.focus();
      }, 0);
    };
  }, [open]);
};
