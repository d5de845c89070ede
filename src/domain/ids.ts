// Branded identifiers: an ArticleId cannot be passed where a CommentId is expected.
// Everyone may import this file.

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ArticleId = Brand<number, 'ArticleId'>;
export type CommentId = Brand<number, 'CommentId'>;
export type StaffId = Brand<number, 'StaffId'>;

export const articleId = (n: number): ArticleId => n as ArticleId;
export const commentId = (n: number): CommentId => n as CommentId;
export const staffId = (n: number): StaffId => n as StaffId;
