import type { Core } from '@strapi/strapi';
import { nanosToString, toNanos } from '../rating';
import type { LedgerKind } from '../../../contracts/billing';
import { ConflictError, NotFoundError } from '../errors';
import { onePage, paginationMeta, type PageRequest } from '../utils/pagination';
import { TABLES, asText, onPostgres, onUniqueViolation, rowMeta, toDate, withTransaction, type Trx } from './db';

export interface LockedAccount {
  id: number;
  userId: string;
  balance: bigint;
  status: string;
}

export interface LedgerEntryInput {
  kind: LedgerKind;
  /** Signed amount in nanos: positive credits the account, negative debits it. */
  amount: bigint;
  /** Idempotency reference (request id, order number…): unique per kind. */
  reference?: string | null;
  actor?: string | null;
  note?: string | null;
}

const selectAccount = (db: Trx, userId: string) =>
  db(TABLES.accounts).select('id', 'user_id', asText(db, 'balance'), 'status').where({ user_id: userId });

/** balance += delta for one account; the new balance, or null when the account does not exist. */
const addToBalance = async (trx: Trx, userId: string, delta: bigint, now: Date): Promise<bigint | null> => {
  const update = trx(TABLES.accounts)
    .where({ user_id: userId })
    .update({ balance: trx.raw('balance + ?', [delta.toString()]), updated_at: now });
  if (onPostgres(trx)) {
    // bigint comes back from pg as a string: exact.
    const rows = await update.returning('balance');
    return rows.length ? BigInt(rows[0].balance) : null;
  }
  // SQLite serializes transactions: read the new value back as text (its integers are lossy JS numbers).
  if (!(await update)) return null;
  const row = await trx(TABLES.accounts).select(asText(trx, 'balance')).where({ user_id: userId }).first();
  return BigInt(row.balance);
};

const toLocked = (row: any): LockedAccount => ({ id: row.id, userId: row.user_id, balance: BigInt(row.balance), status: row.status });

/**
 * The only writer of balances. Every change appends an entry with the balance after it and updates the
 * cached balance in the same transaction, with the account row locked: the cached balance always equals
 * the sum of the account's entries (checked by reconcile()).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Locks the account row for the rest of the transaction (creating the account on first use).
   * SELECT … FOR UPDATE on PostgreSQL; SQLite serializes whole transactions instead.
   */
  async lockAccount(trx: Trx, userId: string): Promise<LockedAccount> {
    let row = await selectAccount(trx, userId).forUpdate().first();
    if (!row) {
      await this.ensureAccount(trx, userId);
      row = await selectAccount(trx, userId).forUpdate().first();
    }
    return toLocked(row);
  },

  async balance(trx: Trx, userId: string): Promise<bigint> {
    const row = await trx(TABLES.accounts).select(asText(trx, 'balance')).where({ user_id: userId }).first();
    return BigInt(row?.balance ?? '0');
  },

  /** Creates the account if it does not exist yet (no lock taken, no wait). */
  async ensureAccount(trx: Trx, userId: string) {
    await trx(TABLES.accounts).insert({ ...rowMeta(), user_id: userId, balance: '0', status: 'active' }).onConflict('user_id').ignore();
  },

  /**
   * Posts a signed amount: one UPDATE adds it to the cached balance (taking the row lock until commit, so
   * concurrent posts serialize) and returns the new balance; then the entry is appended with that
   * balance-after. Creates the account on first use.
   */
  async post(trx: Trx, userId: string, entry: LedgerEntryInput): Promise<{ balanceAfter: bigint; entryId: string }> {
    const meta = rowMeta();
    let balanceAfter = await addToBalance(trx, userId, entry.amount, meta.updated_at);
    if (balanceAfter === null) {
      await this.ensureAccount(trx, userId);
      balanceAfter = (await addToBalance(trx, userId, entry.amount, meta.updated_at))!;
    }
    await trx(TABLES.ledger).insert({
      ...meta,
      user_id: userId,
      kind: entry.kind,
      amount: entry.amount.toString(),
      balance_after: balanceAfter.toString(),
      reference: entry.reference ?? null,
      actor: entry.actor ?? null,
      note: entry.note ?? null,
    });
    return { balanceAfter, entryId: meta.document_id };
  },

  /**
   * Manual credit (or debit, when negative) by an administrator, written with the admin's id. `amount` is a
   * validated, non-zero money decimal.
   */
  async adjust({ userId, amount, reason, actor, reference }: { userId: string; amount: string; reason: string; actor: string; reference?: string }) {
    const nanos = toNanos(amount);
    const work = () => withTransaction(strapi, async (trx) => {
      const { balanceAfter, entryId } = await this.post(trx, userId, {
        kind: 'adjustment',
        amount: nanos,
        reference: reference ?? null,
        actor,
        note: reason,
      });
      return {
        userId,
        balance: nanosToString(balanceAfter),
        entry: { id: entryId, kind: 'adjustment', amount: nanosToString(nanos), balanceAfter: nanosToString(balanceAfter), actor, note: reason },
      };
    });
    return onUniqueViolation(work, () => {
      throw new ConflictError(`An adjustment with reference "${reference}" was already applied`, { reference });
    });
  },

  async entries(userId: string, page: PageRequest = { page: 1, pageSize: 25 }) {
    const db = strapi.db.connection;
    const exists = await db(TABLES.accounts).where({ user_id: userId }).first('id');
    if (!exists) throw new NotFoundError('Account', { userId });
    const [{ count }] = await db(TABLES.ledger).where({ user_id: userId }).count({ count: '*' });
    const rows = await onePage(
      db(TABLES.ledger)
        .select('document_id', 'kind', asText(db, 'amount'), asText(db, 'balance_after'), 'reference', 'actor', 'note', 'created_at')
        .where({ user_id: userId })
        .orderBy('id', 'desc'),
      page,
    );
    return {
      data: rows.map((r: any) => ({
        id: r.document_id,
        kind: r.kind,
        amount: nanosToString(r.amount),
        balanceAfter: nanosToString(r.balance_after),
        reference: r.reference,
        actor: r.actor,
        note: r.note,
        createdAt: toDate(r.created_at)?.toISOString(),
      })),
      meta: { pagination: paginationMeta(page, Number(count)) },
    };
  },

  /** Accounts whose cached balance differs from the sum of their ledger entries (should be none). */
  async reconcile() {
    const db = strapi.db.connection;
    const sums = db(TABLES.ledger).select('user_id').sum({ total: 'amount' }).groupBy('user_id').as('l');
    const rows = await db(TABLES.accounts + ' as a')
      .leftJoin(sums, 'l.user_id', 'a.user_id')
      .select('a.user_id', asText(db, 'a.balance', 'balance'), db.raw('CAST(COALESCE(l.total, 0) AS TEXT) AS ledger_sum'));
    const mismatches = rows
      .filter((r: any) => BigInt(r.balance) !== BigInt(r.ledger_sum))
      .map((r: any) => ({
        userId: r.user_id,
        balance: nanosToString(r.balance),
        ledgerSum: nanosToString(r.ledger_sum),
        difference: nanosToString(BigInt(r.balance) - BigInt(r.ledger_sum)),
      }));
    return { accounts: rows.length, mismatches };
  },
});
