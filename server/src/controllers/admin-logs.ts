import { getService } from '../utils/get-service';
import { parseLogFilter, parseStatsQuery } from '../validation/admin';

export default {
  async list(ctx: any) {
    ctx.body = await getService('usageLogs').list(parseLogFilter(ctx.query));
  },
  async exportCsv(ctx: any) {
    const { page: _page, pageSize: _pageSize, cursor: _cursor, ...filter } = parseLogFilter(ctx.query);
    ctx.set('Content-Disposition', `attachment; filename="usage-logs-${new Date().toISOString().slice(0, 10)}.csv"`);
    ctx.type = 'text/csv';
    const csv = getService('usageLogs').exportCsv(filter);
    // Headers are sent once streaming starts: a failure mid-way can only cut the connection, so the client
    // sees an incomplete download instead of waiting forever.
    csv.once('error', () => ctx.res.destroy());
    ctx.body = csv;
  },
  async stats(ctx: any) {
    ctx.body = { data: await getService('usageLogs').stats(parseStatsQuery(ctx.query)) };
  },
};
