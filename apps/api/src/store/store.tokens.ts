/** Injection tokens for the store's ports (interfaces have no runtime identity). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The read-model database (for the SQL stores, also the log's). */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
/** Counts the log's events after a position, the cheapest way the store allows. */
export const LOG_LAG_COUNTER = Symbol('LOG_LAG_COUNTER');
