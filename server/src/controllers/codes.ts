import { getService } from '../utils/get-service';
import { parseCodeCreate, parseCodeFilter, parseCodeUpdate } from '../validation/codes';
import { parseIdParam } from '../validation/plans';

export default {
  async list(ctx: any) {
    ctx.body = await getService('codes').list(parseCodeFilter(ctx.query));
  },
  async create(ctx: any) {
    const input = parseCodeCreate(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService('codes').create(input) };
  },
  async update(ctx: any) {
    const { enabled } = parseCodeUpdate(ctx.request.body);
    ctx.body = { data: await getService('codes').setEnabled(parseIdParam(ctx.params.id), enabled) };
  },
  async delete(ctx: any) {
    ctx.body = { data: await getService('codes').delete(parseIdParam(ctx.params.id)) };
  },
  async redemptions(ctx: any) {
    ctx.body = { data: await getService('codes').redemptions(parseIdParam(ctx.params.id)) };
  },
  /** CSV of a batch or any filter of the list (all pages), streamed. */
  async exportCsv(ctx: any) {
    const { page: _page, pageSize: _pageSize, ...filter } = parseCodeFilter(ctx.query);
    const csv = await getService('codes').exportCsv(filter);
    const name = filter.batch ? `codes-${filter.batch}` : `codes-${new Date().toISOString().slice(0, 10)}`;
    ctx.set('Content-Disposition', `attachment; filename="${name}.csv"`);
    ctx.type = 'text/csv';
    csv.once('error', () => ctx.res.destroy());
    ctx.body = csv;
  },
};
