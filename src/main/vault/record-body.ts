import { z } from 'zod';

/**
 * Every body a service seals into a record carries `v`, the version of its shape, so that
 * the shape on disk can change without the IPC shape having to, and an older Stillwater can
 * tell a newer record from a damaged one and leave both alone. Bodies written before `v`
 * existed have none: they are version 1, and are read as such.
 */
export function versionOneBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(
    (body) =>
      typeof body === 'object' && body !== null && !Array.isArray(body) && !('v' in body)
        ? { ...body, v: 1 }
        : body,
    z.object({ v: z.literal(1), ...shape }),
  );
}
