import { BillingError } from '../errors';

/** Route middleware: answers BillingError with its own status in Strapi's error shape. */
export default () => async (ctx: any, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof BillingError) {
      ctx.status = error.status;
      ctx.body = {
        data: null,
        error: { status: error.status, name: error.name, message: error.message, details: error.details },
      };
      return;
    }
    throw error;
  }
};
