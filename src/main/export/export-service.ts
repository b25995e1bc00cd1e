import path from 'node:path';
import type { ExportSaved, PrintWhat } from '../../shared/export/schemas';
import type { ExportFile } from '../../shared/export/model';
import { calendarDay, type FileDialogs } from '../backup/file-dialogs';
import type { VaultSession } from '../vault/vault-session';
import { writeMarkdownExport, writePdfFile } from './export-writer';

export interface ExportServicePorts {
  session: VaultSession;
  dialogs: FileDialogs;
  /** The page as its print styles lay it out, as a PDF (the print view is on screen). */
  printToPdf(): Promise<Uint8Array>;
  now?: () => Date;
}

const PRINTED: Record<PrintWhat, string> = { notebook: 'notebook', journal: 'journal' };

/**
 * The plain exports: a Markdown folder the page composed, and a PDF of the print view. Both
 * are written only while the vault is open, where the person chose in the system's dialog:
 * no path ever comes from the page.
 */
export class ExportService {
  readonly #ports: ExportServicePorts;
  readonly #now: () => Date;

  constructor(ports: ExportServicePorts) {
    this.#ports = ports;
    this.#now = ports.now ?? (() => new Date());
  }

  async exportMarkdown(files: ExportFile[]): Promise<ExportSaved> {
    this.#ports.session.current();
    const parent = await this.#ports.dialogs.chooseFolder('export');
    if (!parent) return { outcome: 'cancelled' };
    this.#ports.session.current();
    const written = await writeMarkdownExport(parent, files, this.#now());
    return { outcome: 'saved', name: path.basename(written.folder), files: written.files };
  }

  async savePdf(what: PrintWhat): Promise<ExportSaved> {
    this.#ports.session.current();
    const target = await this.#ports.dialogs.chooseSaveFile({
      kind: 'pdf',
      defaultName: `Stillwater ${PRINTED[what]} ${calendarDay(this.#now())}.pdf`,
    });
    if (!target) return { outcome: 'cancelled' };
    // A lock while the dialog was open has cleared the page: nothing of it is printed.
    this.#ports.session.current();
    await writePdfFile(target, await this.#ports.printToPdf());
    return { outcome: 'saved', name: path.basename(target), files: 1 };
  }
}
