// Kept so that existing imports of '…/shared/privacy' go on working; new code imports
// './privacy/model' (plain values) or './privacy/schemas' (zod).
export * from './privacy/model';
