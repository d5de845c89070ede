// The shape of "run this work in one transaction": the use case names the stores it needs,
// storage hands them over bound to a transaction, commits when the work resolves, rolls back
// when it throws.

export type Transact<Stores> = <T>(work: (stores: Stores) => Promise<T>) => Promise<T>;
