/** Long enough for any passphrase a person would type; short enough to refuse a flood. */
export const MAX_PASSPHRASE_LENGTH = 1024;
/** New passphrases only; an existing one is never refused for its length. */
export const MIN_NEW_PASSPHRASE_LENGTH = 8;
