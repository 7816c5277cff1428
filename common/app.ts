/**
 * The names every host agrees on: the Electron shell and the CLI open the same store in the same
 * user-data folder, so neither may spell them on its own (hosts never import each other).
 */

/** The product name, also the user-data folder name (`<appData>/Profile Desk`). */
export const APP_NAME = 'Profile Desk';

/** The SQLite store inside that folder. */
export const STORE_FILE_NAME = 'profiles.db';
