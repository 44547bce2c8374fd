import { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL errors that mean "the same transaction may well succeed if tried again". */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** How many more times to run the whole unit after a serialization failure or deadlock. */
  retries?: number;
}

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all. Conflicts
 * that PostgreSQL resolves by aborting one side are retried with the whole unit of work.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      // READ COMMITTED is PostgreSQL's default: naming it would cost a SET TRANSACTION round trip
      // after START TRANSACTION (TypeORM sends them separately) in every transaction.
      const isolation = options.isolation ?? 'READ COMMITTED';
      return await (isolation === 'READ COMMITTED'
        ? dataSource.transaction(work)
        : dataSource.transaction(isolation, work));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= retries || !code || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
    }
  }
}
