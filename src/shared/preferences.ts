// Kept so that existing imports of '…/shared/preferences' go on working; new code imports
// './preferences/model' (plain values) or './preferences/schemas' (zod).
export * from './preferences/model';
