/** How long to wait for a frame that may never come: a hidden window draws none. */
const NO_FRAME_WAIT_MS = 100;

/**
 * Resolves once the browser has had its chance to paint what the page holds now. Work that
 * the first screen does not need waits on this, so it never delays that screen's first frame.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, NO_FRAME_WAIT_MS);
    // A frame's callbacks run before it is painted; the task after them runs once it has been.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });
}
