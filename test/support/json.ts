/** Response bodies in tests are read loosely; assertions check their shape. */
// biome-ignore lint/suspicious/noExplicitAny: test-only convenience
export type Json = any;
export const json = async (res: Response): Promise<Json> => res.json();
