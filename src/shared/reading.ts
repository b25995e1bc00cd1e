// Kept so that existing imports of '…/shared/reading' go on working; new code imports
// './reading/model' (plain values) or './reading/schemas' (zod).
export * from './reading/model';
