// Where a fail-open client keeps the usage reports it could not deliver, until replayJournal() sends them.
// Each report keeps its requestId, so one that did reach the server after all is answered as a replay.
import type { UsageReport } from './types';

export interface UsageJournal {
  append(report: UsageReport): Promise<void>;
  /** Every kept report, oldest first. */
  entries(): Promise<UsageReport[]>;
  /** Drops the reports of these requestIds (delivered, or refused for good). */
  remove(requestIds: string[]): Promise<void>;
}

/** Kept in this process only: lost when it exits. The default journal. */
export function memoryJournal(): UsageJournal {
  const reports: UsageReport[] = [];
  return {
    async append(report) {
      reports.push(structuredClone(report));
    },
    async entries() {
      return reports.map((report) => structuredClone(report));
    },
    async remove(requestIds) {
      const gone = new Set(requestIds);
      for (let i = reports.length - 1; i >= 0; i -= 1) if (gone.has(reports[i].requestId)) reports.splice(i, 1);
    },
  };
}

type FsPromises = typeof import('node:fs/promises');

/**
 * A file of JSON lines, one report a line, that survives a restart (Node only). append() writes the line and
 * fsyncs before it resolves; remove() rewrites the file (a temp file renamed over it, so a crash leaves
 * either the old or the new file, never half of one). Operations of one journal object run one at a time;
 * use one journal object per file. A line that cannot be parsed (a torn last write) is skipped.
 */
export function fileJournal(path: string): UsageJournal {
  // Imported on first use, so the client's core loads where node:fs does not exist.
  let fsPromise: Promise<FsPromises> | null = null;
  const fs = () => (fsPromise ??= import('node:fs/promises'));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function read(): Promise<UsageReport[]> {
    const { readFile } = await fs();
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
    const reports: UsageReport[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        reports.push(JSON.parse(line));
      } catch {
        // a torn line from a crash mid-append: that report was never acknowledged as journaled
      }
    }
    return reports;
  }

  return {
    append: (report) =>
      serial(async () => {
        const { open } = await fs();
        const handle = await open(path, 'a+');
        try {
          // After a torn last line (a crash mid-append) start a new line, so this report is not glued to it.
          const { size } = await handle.stat();
          const last = Buffer.alloc(1);
          const torn = size > 0 && (await handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
          await handle.appendFile(`${torn ? '\n' : ''}${JSON.stringify(report)}\n`, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    entries: () => serial(read),
    remove: (requestIds) =>
      serial(async () => {
        const gone = new Set(requestIds);
        const kept = (await read()).filter((report) => !gone.has(report.requestId));
        const { open, rename } = await fs();
        const temp = `${path}.${process.pid}.tmp`;
        const handle = await open(temp, 'w');
        try {
          await handle.writeFile(kept.map((report) => `${JSON.stringify(report)}\n`).join(''), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      }),
  };
}
