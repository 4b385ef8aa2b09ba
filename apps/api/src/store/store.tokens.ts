/** Injection tokens for the store's ports (interfaces have no runtime identity). */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SQL_CLIENT = Symbol('SQL_CLIENT');
