import { snakeCase } from 'lodash';
import { TOKEN_COUNT_FIELDS } from '../../../contracts/pricing';
import usageLog from '../../../server/src/content-types/usage-log/schema';
import { COUNT_COLUMNS, countColumn } from '../../../server/src/services/usage-logs/log-rows';

// The hot path writes usage logs with knex, so it names the columns itself. Strapi names them from the
// content type's attributes with lodash's snakeCase (@strapi/database, metadata.createAttribute); the two
// must agree for every kind of token, digits included (cacheWrite1hTokens → cache_write_1_h_tokens).
describe('usage log token count columns', () => {
  it.each(TOKEN_COUNT_FIELDS.map((count) => [count]))('%s has the column Strapi creates for it', (count) => {
    expect(countColumn(count)).toBe(snakeCase(count));
  });

  it('has one 64-bit attribute per kind of token, 0 on rows written before the kind existed', () => {
    const attributes = usageLog.attributes as Record<string, unknown>;
    for (const { count } of COUNT_COLUMNS) expect(attributes[count]).toEqual({ type: 'biginteger', default: '0' });
  });
});
