import { z } from 'zod';
import {
  MAX_EXPORT_FILE_BYTES,
  MAX_EXPORT_FILES,
  MAX_NAME_LENGTH,
  MAX_PATH_SEGMENTS,
  exportFilesProblem,
  isSafeExportPath,
  utf8Length,
} from './model';

/**
 * A Markdown export as it crosses the IPC boundary, from the page that composed it to main
 * that writes it. Every path is held to the same rule the page made its names with
 * (./model), so a page that has been tampered with can name nothing outside the export's
 * own new folder.
 */
export const ExportFileSchema = z
  .object({
    // A cheap bound first, so the rule never runs on a flood.
    path: z
      .string()
      .max(MAX_PATH_SEGMENTS * (MAX_NAME_LENGTH + 1))
      .refine(isSafeExportPath, 'a relative path of safe names, ending in .md'),
    text: z
      .string()
      .max(MAX_EXPORT_FILE_BYTES)
      .refine((text) => utf8Length(text) <= MAX_EXPORT_FILE_BYTES, 'at most 4 MiB'),
  })
  .strict();

export const ExportFilesSchema = z
  .array(ExportFileSchema)
  .max(MAX_EXPORT_FILES)
  .superRefine((files, context) => {
    const problem = exportFilesProblem(files);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const ExportMarkdownInputSchema = z.object({ files: ExportFilesSchema }).strict();

/** What the print view lays out, and so what a PDF holds. */
export const PrintWhatSchema = z.enum(['notebook', 'journal']);
export type PrintWhat = z.infer<typeof PrintWhatSchema>;
export const SavePdfInputSchema = z.object({ what: PrintWhatSchema }).strict();

/** Where an export went (the folder's or file's name only), or that the person cancelled. */
export const ExportSavedSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('saved'),
    name: z.string(),
    files: z.number().int().nonnegative(),
  }),
  z.object({ outcome: z.literal('cancelled') }),
]);
export type ExportSaved = z.infer<typeof ExportSavedSchema>;
