'use strict';
// `npm run bench`: the rating engine (pure, one core) and the metering hot path on PostgreSQL, each next
// to a baseline measured in the same run. Machines here are noisy: read the ratios, not the raw figures.
const { benchRating } = require('./rating');
const { benchMetering } = require('./metering');
const { benchAdminReads } = require('./admin-reads');

(async () => {
  await benchRating();
  if (process.env.BENCH_SKIP_METERING !== '1') {
    const result = await benchMetering();
    if (!result.exact) {
      console.error('money check FAILED: cents were lost or invented');
      process.exitCode = 1;
    }
  }
  // Admin reads over BENCH_LOGS usage logs (1,000,000 by default; BENCH_LOGS=10000000 for the 10M figure).
  if (process.env.BENCH_SKIP_ADMIN_READS !== '1') await benchAdminReads();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
