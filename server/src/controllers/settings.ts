import { getService } from '../utils/get-service';

export default {
  async find(ctx: any) {
    ctx.body = { data: await getService('settings').getMasked() };
  },
  async update(ctx: any) {
    ctx.body = { data: await getService('settings').update(ctx.request.body) };
  },
};
